#Requires -Version 5.1
# Pester 5: the service, unit and container behind every socket (issue 11), through real binding.
# On Linux, probe listeners (python3 children) are placed in cgroups this file creates, named like a
# systemd service (nsps-test-<random>.service) and like a Docker container scope (docker-<id>.scope),
# in the v1 name=systemd hierarchy AND, separately, in the unified (v2) one, so both layouts are proven;
# the cgroups are removed after (children moved back first), also when a test fails. On the Windows
# code path the service table is what Wine's service manager answers.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
    Import-Module (Get-NetstatPSTestManifest) -Force
    $script:platform = Get-NetstatPSTestPlatform
    $script:cgroup = [pscustomobject]@{ SkipReason = $null; Made = [System.Collections.Generic.List[string]]::new(); Probes = [System.Collections.Generic.List[object]]::new() }

    $systemdRoot = '/sys/fs/cgroup/systemd'
    $unifiedRoot = if (Test-Path -LiteralPath '/sys/fs/cgroup/unified/cgroup.procs') { '/sys/fs/cgroup/unified' } else { '/sys/fs/cgroup' }
    $script:cgroup | Add-Member -NotePropertyName SystemdRoot -NotePropertyValue $systemdRoot
    $script:cgroup | Add-Member -NotePropertyName UnifiedRoot -NotePropertyValue $unifiedRoot

    function script:Get-CgroupSkipReason {
        if ($platform.IsWindows) { return 'Skipped on the Windows code path: cgroups are Linux''s' }
        $missing = @()
        if (-not $platform.IsRoot) { $missing += 'root (cgroups are created and joined as root)' }
        if (-not (Test-Path -LiteralPath "$systemdRoot/cgroup.procs")) { $missing += "the v1 name=systemd hierarchy at $systemdRoot" }
        if (-not (Test-Path -LiteralPath "$unifiedRoot/cgroup.controllers")) { $missing += "the unified (v2) hierarchy at $unifiedRoot" }
        if (-not (Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue)) { $missing += 'python3 (the probe listeners)' }
        if ($missing) {
            $what = "needs $($missing -join ', ')"
            if ($env:CI -eq 'true') { throw "Under CI=true the cgroup owner tests must run, but this machine lacks what it $what." }
            return "Skipped: this test $what"
        }
        return $null
    }

    function script:New-TestCgroup([string] $Root, [string] $RelativePath) {
        # Creates each missing directory of the path, remembering it for removal.
        $path = $Root
        foreach ($segment in $RelativePath.Split('/')) {
            $path = "$path/$segment"
            if (-not (Test-Path -LiteralPath $path)) {
                $null = New-Item -ItemType Directory -Path $path
                $cgroup.Made.Add($path)
            }
        }
        return $path
    }

    function script:Start-CgroupProbe([string] $Name, [string] $Root, [string] $RelativePath) {
        # python3 may be a shim that forks: the child reports its own pid with its port.
        $start = [System.Diagnostics.ProcessStartInfo]::new('python3')
        $start.ArgumentList.Add('-c')
        $start.ArgumentList.Add("import os,socket,time`ns=socket.socket(); s.bind(('127.0.0.1',0)); s.listen()`nprint(os.getpid(), s.getsockname()[1], flush=True)`ntime.sleep(600)")
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        $fields = $process.StandardOutput.ReadLine().Split(' ')
        $probe = [pscustomobject]@{ Name = $Name; ProcessId = [int]$fields[0]; Port = [int]$fields[1]; Process = $process; Root = $Root; Leaf = ($RelativePath.Split('/')[-1]) }
        $cgroup.Probes.Add($probe)
        $dir = New-TestCgroup $Root $RelativePath
        [System.IO.File]::WriteAllText("$dir/cgroup.procs", "$($probe.ProcessId)")
        return $probe
    }

    $script:cgroup.SkipReason = Get-CgroupSkipReason
    if (-not $cgroup.SkipReason) {
        $tag = -join ((1..8) | ForEach-Object { '{0:x}' -f (Get-Random -Maximum 16) })
        $hex = { -join ((1..64) | ForEach-Object { '{0:x}' -f (Get-Random -Maximum 16) }) }
        $script:units = [pscustomobject]@{
            V1Service = "nsps-test-$tag-v1.service"
            V2Service = "nsps-test-$tag-v2.service"
            V1Container = (& $hex)
            V2Container = (& $hex)
        }
        $script:v1Service = Start-CgroupProbe 'v1 service' $systemdRoot "system.slice/$($units.V1Service)"
        $script:v2Service = Start-CgroupProbe 'v2 service' $unifiedRoot "system.slice/$($units.V2Service)"
        $script:v1Container = Start-CgroupProbe 'v1 container' $systemdRoot "system.slice/docker-$($units.V1Container).scope"
        $script:v2Container = Start-CgroupProbe 'v2 container' $unifiedRoot "system.slice/docker-$($units.V2Container).scope"
        $script:probePorts = @($cgroup.Probes | ForEach-Object Port)
    }
}

AfterAll {
    # Children back to the roots first (a cgroup with members cannot be removed), then ended by id,
    # then the cgroups this file made, deepest first.
    foreach ($probe in $script:cgroup.Probes) {
        foreach ($root in $cgroup.SystemdRoot, $cgroup.UnifiedRoot) {
            try { [System.IO.File]::WriteAllText("$root/cgroup.procs", "$($probe.ProcessId)") } catch { Write-Warning "moving $($probe.ProcessId) back to ${root}: $_" }
        }
        Stop-Process -Id $probe.ProcessId -Force -ErrorAction SilentlyContinue
        $probe.Process.Dispose()
    }
    for ($i = $cgroup.Made.Count - 1; $i -ge 0; $i--) {
        try { [System.IO.Directory]::Delete($cgroup.Made[$i]) } catch { Write-Warning "removing $($cgroup.Made[$i]): $_" }
    }
}

Describe 'Service and ContainerId of sockets owned by processes in test cgroups' {
    It 'Group-Object Service gives each probe''s unit, from <Layout>' -TestCases @(
        @{ Layout = 'the v1 name=systemd hierarchy'; Which = 'v1' }
        @{ Layout = 'the unified (v2) hierarchy'; Which = 'v2' }
    ) {
        if ($cgroup.SkipReason) { Skip-TestUnless $false $cgroup.SkipReason }
        $service = if ($Which -eq 'v1') { $v1Service } else { $v2Service }
        $container = if ($Which -eq 'v1') { $v1Container } else { $v2Container }
        $groups = Get-NetConnectionEx -State Listen | Group-Object Service
        # The closing note of issue 11 quotes this output.
        Write-Host ("Get-NetConnectionEx -State Listen | Group-Object Service ($Layout):" + ($groups | Out-String -Width 120).TrimEnd())
        Write-Host ("... | Format-Table Count, Name -AutoSize:" + ($groups | Format-Table Count, Name -AutoSize | Out-String -Width 120).TrimEnd())
        $serviceGroup = @($groups | Where-Object Name -eq $service.Leaf)
        $serviceGroup | Should -HaveCount 1
        @($serviceGroup.Group | ForEach-Object LocalPort) | Should -Be @($service.Port)
        @($serviceGroup.Group | ForEach-Object ProcessId) | Should -Be @($service.ProcessId)
        $containerGroup = @($groups | Where-Object Name -eq $container.Leaf)
        $containerGroup | Should -HaveCount 1
        @($containerGroup.Group | ForEach-Object LocalPort) | Should -Be @($container.Port)
        # The ss oracle: the listener on that port is held by the same process.
        $ss = & ss -tlnpH "sport = :$($service.Port)"
        "$ss" | Should -Match "pid=$($service.ProcessId),"
    }

    It 'Format-Table -View Service shows each unit whole at 80 columns, live and after CLIXML' {
        if ($cgroup.SkipReason) { Skip-TestUnless $false $cgroup.SkipReason }
        $rows = @(Get-NetConnectionEx -Service 'nsps-test-*' | Where-Object { $_.LocalPort -in $v1Service.Port, $v2Service.Port })
        $copies = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($rows))
        foreach ($set in @(, $rows), @(, $copies)) {
            $lines = @(($set[0] | Format-Table -View Service | Out-String -Width 80) -split "`n" | Where-Object { $_.Trim() })
            $lines[0] | Should -Match '^Proto\s+Local Address\s+PID Process\s+Service$'
            $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
            foreach ($probe in $v1Service, $v2Service) {
                $line = @($lines | Where-Object { $_ -match ":$($probe.Port)\s" })
                $line | Should -HaveCount 1
                $line[0] | Should -Match "\s$($probe.ProcessId) python3?\S*\s+$([regex]::Escape($probe.Leaf))\s*$"
            }
        }
    }

    It 'gives the unit, slice, container id and runtime on the row and on its owner' {
        if ($cgroup.SkipReason) { Skip-TestUnless $false $cgroup.SkipReason }
        $row = Get-NetConnectionEx -State Listen -LocalPort $v2Container.Port
        $row.Service | Should -Be "docker-$($units.V2Container).scope"
        $row.Unit | Should -Be $row.Service
        $row.ContainerId | Should -Be $units.V2Container
        $row.Owners[0].ContainerRuntime | Should -Be 'docker'
        $row.Owners[0].Slice | Should -Be 'system.slice'
        $row = Get-NetConnectionEx -State Listen -LocalPort $v1Service.Port
        $row.Service | Should -Be $units.V1Service
        $row.ContainerId | Should -BeNullOrEmpty
        $row.Owners[0].Unit | Should -Be $units.V1Service
    }

    It '-Service with a wildcard selects exactly the two service probes' {
        if ($cgroup.SkipReason) { Skip-TestUnless $false $cgroup.SkipReason }
        $tag = $units.V1Service -replace '-v1\.service$', ''
        $rows = @(Get-NetConnectionEx -Service "$tag-*")
        @($rows | ForEach-Object LocalPort | Sort-Object) | Should -Be @(@($v1Service.Port, $v2Service.Port) | Sort-Object)
        @($rows | ForEach-Object Service | Sort-Object -Unique) | Should -Be @(@($units.V1Service, $units.V2Service) | Sort-Object)
    }

    It '-Service without .service matches the unit as systemctl reads it' {
        if ($cgroup.SkipReason) { Skip-TestUnless $false $cgroup.SkipReason }
        $rows = @(Get-NetConnectionEx -Service ($units.V2Service -replace '\.service$', ''))
        @($rows | ForEach-Object LocalPort) | Should -Be @($v2Service.Port)
    }

    It '-ContainerId selects exactly the container probe, by full id and by the 12-character short id' {
        if ($cgroup.SkipReason) { Skip-TestUnless $false $cgroup.SkipReason }
        @(Get-NetConnectionEx -ContainerId $units.V1Container | ForEach-Object LocalPort) | Should -Be @($v1Container.Port)
        @(Get-NetConnectionEx -ContainerId $units.V2Container.Substring(0, 12).ToUpperInvariant() | ForEach-Object LocalPort) | Should -Be @($v2Container.Port)
        @(Get-NetConnectionEx -ContainerId $units.V1Container, $units.V2Container | ForEach-Object LocalPort | Sort-Object) | Should -Be @(@($v1Container.Port, $v2Container.Port) | Sort-Object)
    }

    It 'completes -Service with the test units that are running' {
        if ($cgroup.SkipReason) { Skip-TestUnless $false $cgroup.SkipReason }
        $tag = $units.V1Service -replace '-v1\.service$', ''
        @(Get-CompletionText "Get-NetConnectionEx -Service $tag") | Should -Be @(@($units.V1Service, $units.V2Service) | Sort-Object)
    }

    It 'reads the command line only with -IncludeCommandLine' {
        if ($cgroup.SkipReason) { Skip-TestUnless $false $cgroup.SkipReason }
        (Get-NetConnectionEx -State Listen -LocalPort $v1Service.Port).CommandLine | Should -BeNullOrEmpty
        $row = Get-NetConnectionEx -State Listen -LocalPort $v1Service.Port -IncludeCommandLine
        $row.CommandLine | Should -BeLike '*python3* -c import os,socket,time*'
        $row.CommandLine | Should -Be ([System.IO.File]::ReadAllText("/proc/$($v1Service.ProcessId)/cmdline").Replace([char]0, ' ').TrimEnd(' '))
    }

    It 'keeps Service, Unit and ContainerId through CLIXML (what remoting sends)' {
        if ($cgroup.SkipReason) { Skip-TestUnless $false $cgroup.SkipReason }
        $row = Get-NetConnectionEx -State Listen -LocalPort $v1Container.Port
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($row))
        $copy.PSObject.TypeNames[0] | Should -Be 'Deserialized.NetstatPS.Connection'
        $copy.Service | Should -Be "docker-$($units.V1Container).scope"
        $copy.Unit | Should -Be $copy.Service
        $copy.ContainerId | Should -Be $units.V1Container
    }
}

Describe 'Windows services from the service table' {
    It 'completes -Service with the running services the service manager lists' {
        Skip-TestUnless $platform.IsWindows 'Skipped on Linux: this is the Windows service table (the Linux units are completed in the cgroup tests above)'
        # EventLog runs on every Windows, and is one of the services Wine 8's service manager starts.
        Get-CompletionText 'Get-NetConnectionEx -Service Event' | Should -Contain 'EventLog'
        if ($platform.UnderWine) {
            Get-CompletionText 'Get-NetConnectionEx -Service Plug' | Should -Be @('PlugPlay')
        }
    }

    It 'filters by a service name without error' {
        Skip-TestUnless $platform.IsWindows 'Skipped on Linux: this is the Windows service table'
        # Under Wine no socket has an owner, so nothing matches; on Windows every row that comes back is hosted by EventLog's process.
        $rows = @(Get-NetConnectionEx -Service 'EventLog' -ErrorAction Stop)
        foreach ($row in $rows) { $row.Owners[0].Services | Should -Contain 'EventLog' }
        if ($platform.UnderWine) { $rows | Should -HaveCount 0 }
    }
}

Describe 'Service of sockets whose owner is run by no unit, and bad -ContainerId values' {
    It 'gives $null Service and ContainerId for this PowerShell''s own listener when it is in no unit' {
        Skip-TestUnless $platform.OwnersVisible 'Skipped under Wine: Wine 8 reports owner PID 0 for every socket, so this process owns none'
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $row = Get-NetConnectionEx -State Listen -LocalPort $listener.LocalEndpoint.Port
            $row.ProcessId | Should -Be $PID
            if ($platform.IsLinux) {
                # The oracle: this process's own cgroup file; where the runner itself runs in a unit this case cannot be shown.
                $text = Get-Content -Raw -LiteralPath '/proc/self/cgroup'
                Skip-TestUnless ($text -notmatch '\.(service|scope)\b|docker|kubepods|libpod') "Skipped: this PowerShell runs in a unit or container itself ($($text.Trim() -replace '\s+', ' '))"
            }
            $row.Service | Should -BeNullOrEmpty
            $row.ContainerId | Should -BeNullOrEmpty
        }
        finally {
            $listener.Stop()
        }
    }

    It 'refuses -ContainerId <Value> naming the value and what is allowed' -TestCases @(
        @{ Value = 'nginx' }
        @{ Value = 'abc/def' }
    ) {
        $e = Get-ErrorFrom { Get-NetConnectionEx -ContainerId $Value }
        $e.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        $e.Exception.Message | Should -BeLike "*'$Value' is not a container id*hex digits*"
    }
}
