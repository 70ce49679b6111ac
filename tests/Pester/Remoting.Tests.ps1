#Requires -Version 5.1
# Pester 5: remoting fidelity (issue 9). What a fleet gets back is Deserialized.NetstatPS.* objects.
# They must render exactly as the live objects do, compare State/Protocol/AddressFamily by name and
# carry Owners and TcpInfo as data. Two transports prove it with the same tests:
#   - CLIXML: Export-Clixml/Import-Clixml in this process. It runs on every layer, the Windows code
#     path under Wine included.
#   - SSH: real PowerShell remoting to an sshd this file starts on 127.0.0.1, on a free port, with
#     fresh keys and this same PowerShell as its 'powershell' subsystem. It is stopped by its PID.
# In both, the objects are rendered where they were made: in this process for CLIXML, in the remote
# session for SSH. The text is compared with what the copies render here.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
    Import-Module (Get-NetstatPSTestManifest) -Force
    $script:platform = Get-NetstatPSTestPlatform
    $script:manifest = (Resolve-Path (Get-NetstatPSTestManifest)).ProviderPath
    $script:probe = New-SocketProbe
    $script:probeInfo = @{
        Ports      = @($probe.ListenPort, $probe.ClientPort, $probe.UdpPort, $probe.Listen6Port, $probe.Udp6Port)
        ClientPort = $probe.ClientPort
    }
    $script:noOwners = 'Skipped under Wine: Wine 8 reports owner PID 0 for every socket, so there are no Owners to carry'
    $script:noTcpInfo = 'Skipped on the Windows code path: TcpInfo stays $null there (collecting estats would change system state)'

    # Each query as text, so that the same code runs here and in the remote session. A query gets
    # $probeInfo and may emit one NetstatPS.Tests.Info object with facts for the assertions.
    $script:queries = [ordered]@{
        Connections   = { param($p) Get-NetConnectionEx -LocalPort $p.Ports -LocalAddress 127.0.0.1, ::1 -State Listen, Established }
        TcpInfo       = { param($p) Get-NetConnectionEx -IncludeTcpInfo -State Established -LocalPort $p.ClientPort -WarningAction SilentlyContinue }
        Sampled       = { param($p) Get-NetConnectionEx -Interval 0.2 -Count 2 -LocalPort $p.Ports -LocalAddress 127.0.0.1, ::1 -State Listen, Established }
        Routes        = { param($p) Get-NetRouteTable }
        Interfaces    = { param($p) Get-NetInterfaceStatistic }
        TcpStatistics = { param($p) Get-NetProtocolStatistic -Protocol TCP }
        Watch         = {
            param($p)
            # A second runspace of this process opens a loopback listener 0.6 s into the watch
            # (baseline at 0 s, samples at 0.5, 1.0 and 1.5 s) and holds it until the watch ends, so
            # the listener is Added exactly once. The runspace signals that it is running before the
            # watch starts, so a slow runspace start cannot move the listener out of the window.
            $shared = [hashtable]::Synchronized(@{})
            $ready = [System.Threading.ManualResetEventSlim]::new($false)
            $go = [System.Threading.ManualResetEventSlim]::new($false)
            $done = [System.Threading.ManualResetEventSlim]::new($false)
            $side = [powershell]::Create()
            $null = $side.AddScript({
                    param($shared, $ready, $go, $done)
                    $ready.Set()
                    $null = $go.Wait(60000)
                    Start-Sleep -Milliseconds 600
                    $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
                    $l.Start()
                    $shared.Port = $l.LocalEndpoint.Port
                    $null = $done.Wait(60000)
                    $l.Stop()
                }).AddArgument($shared).AddArgument($ready).AddArgument($go).AddArgument($done)
            $async = $side.BeginInvoke()
            try {
                if (-not $ready.Wait(60000)) { throw 'The runspace that opens the listener did not start within 60 s.' }
                $go.Set()
                Get-NetConnectionEx -Watch -Interval 0.5 -Count 4 -Protocol Tcp -State Listen -LocalAddress 127.0.0.1
            }
            finally {
                $done.Set()
                $null = $side.EndInvoke($async)
                $side.Dispose()
            }
            [pscustomobject]@{ PSTypeName = 'NetstatPS.Tests.Info'; WatchPort = $shared.Port; WatchProcessId = $PID }
        }
    }

    # The renderings compared: each default view and the list view, at 80 and 120 columns.
    $script:render = {
        param([object[]] $Objects)
        [ordered]@{
            'default view at 80 columns'  = $Objects | Out-String -Width 80
            'default view at 120 columns' = $Objects | Out-String -Width 120
            'list view at 80 columns'     = $Objects | Format-List | Out-String -Width 80
            'list view at 120 columns'    = $Objects | Format-List | Out-String -Width 120
        }
    }

    # Runs one query and renders its live objects right there. Emits the objects, then one
    # NetstatPS.Tests.Rendered object: the four renderings, the query's facts and the process id.
    $script:runAndRender = {
        param([string] $QueryText, [hashtable] $ProbeInfo, [string] $RenderText)
        $all = @(& ([scriptblock]::Create($QueryText)) $ProbeInfo)
        $objects = @($all | Where-Object { $_.PSObject.TypeNames -notcontains 'NetstatPS.Tests.Info' })
        $info = $all | Where-Object { $_.PSObject.TypeNames -contains 'NetstatPS.Tests.Info' } | Select-Object -First 1
        $objects
        $rendered = [ordered]@{ PSTypeName = 'NetstatPS.Tests.Rendered'; ProcessId = $PID; WatchPort = $null; WatchProcessId = $null }
        if ($info) { $rendered.WatchPort = $info.WatchPort; $rendered.WatchProcessId = $info.WatchProcessId }
        $texts = & ([scriptblock]::Create($RenderText)) $objects
        foreach ($key in $texts.Keys) { $rendered[$key] = $texts[$key] }
        [pscustomobject]$rendered
    }

    function script:Split-Rendered {
        # Separates a run's objects from its NetstatPS.Tests.Rendered record.
        param([object[]] $Output)
        $isRendered = { $_.PSObject.TypeNames -contains 'NetstatPS.Tests.Rendered' -or $_.PSObject.TypeNames -contains 'Deserialized.NetstatPS.Tests.Rendered' }
        $record = @($Output | Where-Object $isRendered)
        if ($record.Count -ne 1) { throw "Expected one rendering record, got $($record.Count)." }
        @{
            Objects  = @($Output | Where-Object { -not (& $isRendered) })
            Rendered = $record[0]
        }
    }

    function script:ConvertTo-ClixmlCopy {
        # What Export-Clixml then Import-Clixml gives back: the same serializer remoting uses.
        param([object[]] $Objects)
        $path = Join-Path $TestDrive ("roundtrip-{0}.xml" -f [guid]::NewGuid().ToString('N'))
        $Objects | Export-Clixml -LiteralPath $path
        @(Import-Clixml -LiteralPath $path)
        Remove-Item -LiteralPath $path
    }

    function script:Get-HeaderLine {
        # The first line of a rendering that is not blank.
        param([string] $Text)
        @($Text -split "`r?`n" | Where-Object { $_.Trim() })[0].Trim()
    }
}

AfterAll {
    $script:probe.Dispose()
}

# One Describe per transport, named literally so that a failed setup names its transport.
foreach ($transportName in 'Export-Clixml/Import-Clixml', 'SSH to 127.0.0.1') {
    Describe "Remoting fidelity through $transportName" -ForEach @{ Transport = $transportName } {
        BeforeAll {
            $script:viaSsh = $Transport -like 'SSH*'
            $script:results = @{}
            $script:ssh = @{ SkipReason = $null; Process = $null; Session = $null; Directory = $null; Log = $null; RemotePid = $null; RemoteModule = $null }

            function script:Get-SshSkipReason {
                # Why this platform cannot run the SSH transport, $null when it can. Missing OpenSSH on
                # Linux under CI=true is a failure, not a skip.
                if ($platform.UnderWine) {
                    return 'Skipped on the Windows code path under Wine: there is no sshd there; the Export-Clixml/Import-Clixml transport proves the same rendering on this layer'
                }
                if ($platform.IsWindows) {
                    return 'Skipped on Windows: this file starts OpenSSH''s Linux sshd; the Export-Clixml/Import-Clixml transport proves the same rendering here'
                }
                $missing = @()
                if (-not (Test-Path -PathType Leaf '/usr/sbin/sshd')) { $missing += '/usr/sbin/sshd' }
                foreach ($tool in 'ssh', 'ssh-keygen') {
                    if (-not (Get-Command $tool -CommandType Application -ErrorAction SilentlyContinue)) { $missing += $tool }
                }
                if ($missing) {
                    $what = "$($missing -join ', ') not found"
                    if ($env:CI -eq 'true') {
                        throw "Under CI=true the SSH remoting tests must run, but ${what}: apt-get install openssh-server openssh-client (.ci/run installs them)."
                    }
                    return "Skipped: $what; apt-get install openssh-server openssh-client to run the SSH remoting tests"
                }
                return $null
            }

            function script:Skip-UnlessTransportRuns {
                # First line of every test: the SSH transport's tests skip, with the reason, where the
                # platform has no sshd (in the test body, so Pester names the skipped test in full).
                if ($viaSsh -and $ssh.SkipReason) { Skip-TestUnless $false $ssh.SkipReason }
            }

            function script:Get-SshdLogTail {
                if ($ssh.Log -and (Test-Path -LiteralPath $ssh.Log)) {
                    return ((Get-Content -LiteralPath $ssh.Log -Tail 20) -join "`n")
                }
                return '(no sshd log)'
            }

            function script:ConvertTo-ShellWord([string] $Text) { "'" + $Text.Replace("'", "'\''") + "'" }

            function script:Get-DescendantProcess([int] $ParentId) {
                # Every descendant of a process, by the ppid field of /proc/<pid>/stat (the 2nd after the
                # parenthesised name), as Process objects.
                $parentOf = @{}
                foreach ($dir in [System.IO.Directory]::GetDirectories('/proc')) {
                    $name = [System.IO.Path]::GetFileName($dir)
                    if ($name -notmatch '^\d+$') { continue }
                    try { $text = [System.IO.File]::ReadAllText("$dir/stat") } catch { continue }
                    $parentOf[[int]$name] = [int]$text.Substring($text.LastIndexOf(')') + 2).Split(' ')[1]
                }
                $queue = [System.Collections.Generic.Queue[int]]::new()
                $queue.Enqueue($ParentId)
                while ($queue.Count -gt 0) {
                    $parent = $queue.Dequeue()
                    foreach ($id in @($parentOf.Keys | Where-Object { $parentOf[$_] -eq $parent })) {
                        $queue.Enqueue($id)
                        Get-Process -Id $id -ErrorAction SilentlyContinue
                    }
                }
            }

            function script:Start-TestSshd {
                # A temporary folder with a fresh host key, a fresh client key, authorized_keys, a wrapper
                # that starts this same PowerShell in SSH server mode, and an sshd_config on 127.0.0.1.
                $ssh.Directory = Join-Path ([System.IO.Path]::GetTempPath()) ('nsps-sshd-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
                $dir = $ssh.Directory
                if ($dir -match '\s') { throw "The temporary folder '$dir' contains white space, which sshd_config's Subsystem line cannot carry." }
                $null = New-Item -ItemType Directory -Path $dir
                $hostKey = Join-Path $dir 'ssh_host_ed25519_key'
                $ssh.Key = Join-Path $dir 'client_ed25519'
                foreach ($pair in @(@($hostKey, 'nsps-test-host'), @($ssh.Key, 'nsps-test-client'))) {
                    $output = & ssh-keygen -q -t ed25519 -N '' -C $pair[1] -f $pair[0] 2>&1
                    if ($LASTEXITCODE -ne 0) { throw "ssh-keygen failed ($LASTEXITCODE): $output" }
                }
                $authorizedKeys = Join-Path $dir 'authorized_keys'
                # restrict: no forwarding and no terminal, only this client from loopback; the subsystem works.
                Set-Content -LiteralPath $authorizedKeys -Value ('restrict,from="127.0.0.1" ' + (Get-Content -LiteralPath "$($ssh.Key).pub" -Raw).Trim())

                # The subsystem: this same PowerShell. When this process is dotnet running pwsh.dll (the
                # dotnet local tool), that is '<dotnet> <PSHOME>/pwsh.dll'; otherwise the pwsh executable.
                $exe = (Get-Process -Id $PID).Path
                $pwshDll = Join-Path $PSHOME 'pwsh.dll'
                if ((Split-Path -Leaf $exe) -eq 'dotnet' -and (Test-Path -LiteralPath $pwshDll)) {
                    $command = "$(ConvertTo-ShellWord $exe) $(ConvertTo-ShellWord $pwshDll)"
                }
                elseif ((Split-Path -Leaf $exe) -eq 'pwsh') {
                    $command = ConvertTo-ShellWord $exe
                }
                else {
                    throw "Cannot tell how to start this PowerShell in SSH server mode: the process is '$exe'."
                }
                # sshd starts subsystems with a clean environment: carry the locale over, so that the remote
                # side renders dates and numbers with this process's culture.
                $exports = foreach ($name in 'LANG', 'LC_ALL', 'TZ', 'DOTNET_SYSTEM_GLOBALIZATION_INVARIANT') {
                    $value = [Environment]::GetEnvironmentVariable($name)
                    if ($value) { "export $name=$(ConvertTo-ShellWord $value)" }
                }
                $wrapper = Join-Path $dir 'pwsh-subsystem'
                $lines = @('#!/bin/sh', '# sshd''s "Subsystem powershell": the PowerShell running the Pester test, in SSH server mode.') + @($exports) + @("exec $command -sshs -NoLogo -NoProfile")
                Set-Content -LiteralPath $wrapper -Value $lines
                & chmod 755 $wrapper
                if ($LASTEXITCODE -ne 0) { throw "chmod 755 $wrapper failed." }

                # Privilege separation directory, which sshd running as root requires. Debian's service
                # creates it at start; it is left in place afterwards (another sshd may be using it).
                if ($platform.IsRoot -and -not (Test-Path -LiteralPath '/run/sshd')) {
                    $null = New-Item -ItemType Directory -Path '/run/sshd'
                    & chmod 755 '/run/sshd'
                }

                $user = [Environment]::UserName
                $config = Join-Path $dir 'sshd_config'
                $ssh.Log = Join-Path $dir 'sshd.log'
                $pidFile = Join-Path $dir 'sshd.pid'
                for ($attempt = 1; $attempt -le 3; $attempt++) {
                    # A free port: bind port 0 on loopback, read it, release it. Another process may take
                    # it in between; then sshd cannot bind and exits, and the next attempt takes a new port.
                    $finder = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
                    $finder.Start()
                    $port = $finder.LocalEndpoint.Port
                    $finder.Stop()
                    Set-Content -LiteralPath $config -Value @(
                        'ListenAddress 127.0.0.1'
                        "Port $port"
                        "HostKey `"$hostKey`""
                        "AuthorizedKeysFile `"$authorizedKeys`""
                        "PidFile `"$pidFile`""
                        "AllowUsers $user"
                        'PasswordAuthentication no'
                        'KbdInteractiveAuthentication no'
                        'PubkeyAuthentication yes'
                        'PermitRootLogin prohibit-password'
                        'UsePAM no'
                        # The key files live under /tmp, which is world-writable: StrictModes would refuse them.
                        'StrictModes no'
                        'AllowTcpForwarding no'
                        'X11Forwarding no'
                        'PrintMotd no'
                        "Subsystem powershell $wrapper"
                    )
                    $check = & /usr/sbin/sshd -t -f $config 2>&1
                    if ($LASTEXITCODE -ne 0) { throw "sshd -t rejects the test configuration: $check" }

                    $ssh.Process = Start-Process -FilePath '/usr/sbin/sshd' -ArgumentList '-D', '-e', '-f', $config -RedirectStandardError $ssh.Log -RedirectStandardOutput (Join-Path $dir 'sshd.out') -PassThru
                    $deadline = [DateTime]::UtcNow.AddSeconds(30)
                    $listening = $false
                    while (-not $listening -and -not $ssh.Process.HasExited -and [DateTime]::UtcNow -lt $deadline) {
                        $client = [System.Net.Sockets.TcpClient]::new([System.Net.Sockets.AddressFamily]::InterNetwork)
                        try {
                            $connect = $client.ConnectAsync([System.Net.IPAddress]::Loopback, $port)
                            $listening = $connect.Wait(1000) -and $client.Connected
                        }
                        catch { $listening = $false }
                        finally { $client.Dispose() }
                        if (-not $listening) { Start-Sleep -Milliseconds 200 }
                    }
                    if ($listening) { break }
                    if (-not $ssh.Process.HasExited) { throw "sshd (PID $($ssh.Process.Id)) did not accept connections on 127.0.0.1:$port within 30 s. Its log:`n$(Get-SshdLogTail)" }
                    $ssh.Process = $null
                    if ($attempt -eq 3) { throw "sshd exited three times before listening. Its last log:`n$(Get-SshdLogTail)" }
                }
                $ssh.Port = $port
                $ssh.User = $user

                # A broken setup fails within -ConnectingTimeout instead of hanging: BatchMode never prompts.
                try {
                    $ssh.Session = New-PSSession -HostName 127.0.0.1 -Port $port -UserName $user -KeyFilePath $ssh.Key -ConnectingTimeout 60000 -ErrorAction Stop -Options @{
                        StrictHostKeyChecking = 'no'
                        UserKnownHostsFile    = '/dev/null'
                        GlobalKnownHostsFile  = '/dev/null'
                        BatchMode             = 'yes'
                        IdentitiesOnly        = 'yes'
                        LogLevel              = 'ERROR'
                    }
                }
                catch {
                    throw "New-PSSession to $user@127.0.0.1:$port failed: $($_.Exception.Message)`nsshd's log:`n$(Get-SshdLogTail)"
                }
            }

            function script:Invoke-InSession {
                # Invoke-Command in the SSH session, bounded: a hung remote side fails the test after 180 s.
                param([Parameter(Mandatory)] [scriptblock] $ScriptBlock, [object[]] $ArgumentList = @(), [switch] $ShowComputerName)
                $job = Invoke-Command -Session $ssh.Session -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList -HideComputerName:(-not $ShowComputerName) -AsJob
                try {
                    if (-not (Wait-Job -Job $job -Timeout 180)) { throw "The remote command did not finish within 180 s. sshd's log:`n$(Get-SshdLogTail)" }
                    Receive-Job -Job $job -ErrorAction Stop
                }
                finally {
                    Remove-Job -Job $job -Force
                }
            }

            function script:Wait-ProcessGone([System.Diagnostics.Process] $Process, [int] $Milliseconds) {
                # True once /proc/<pid> is gone: the process ended and its parent reaped it.
                $deadline = [DateTime]::UtcNow.AddMilliseconds($Milliseconds)
                while (Test-Path -LiteralPath "/proc/$($Process.Id)") {
                    if ([DateTime]::UtcNow -ge $deadline) { return $false }
                    Start-Sleep -Milliseconds 100
                }
                return $true
            }

            function script:Stop-TestSshd {
                # Closes the session and waits for what sshd started for it (its per-connection sshd and
                # the remote PowerShell) to end, killing only those of them that are still the processes
                # seen before; then stops the sshd this file started, by its PID, and deletes the
                # temporary folder. Safe to call twice.
                $descendants = @()
                if ($ssh.Process) {
                    $descendants = @(Get-DescendantProcess $ssh.Process.Id | ForEach-Object { @{ Process = $_; StartTime = $_.StartTime } })
                }
                if ($ssh.Session) {
                    Remove-PSSession -Session $ssh.Session -ErrorAction SilentlyContinue
                    $ssh.Session = $null
                }
                foreach ($child in $descendants) {
                    # The session's processes end on their own once the connection is closed; they are
                    # waited for before sshd is stopped, so none is left without its parent.
                    if (-not (Wait-ProcessGone $child.Process 15000)) {
                        $same = Get-Process -Id $child.Process.Id -ErrorAction SilentlyContinue | Where-Object { $_.StartTime -eq $child.StartTime }
                        if ($same) { $same.Kill(); $null = Wait-ProcessGone $child.Process 5000 }
                    }
                }
                if ($ssh.Process) {
                    $sshdPid = $ssh.Process.Id
                    if (-not $ssh.Process.HasExited) {
                        $kill = Get-Command kill -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
                        if ($kill) { & $kill.Source -TERM $sshdPid }
                        if (-not $ssh.Process.WaitForExit(10000)) { $ssh.Process.Kill(); $null = $ssh.Process.WaitForExit(10000) }
                    }
                    $ssh.StoppedPid = $sshdPid
                    $ssh.StoppedDescendants = @($descendants | ForEach-Object { $_.Process.Id })
                    $ssh.Process = $null
                }
                if ($ssh.Directory -and (Test-Path -LiteralPath $ssh.Directory)) {
                    Remove-Item -LiteralPath $ssh.Directory -Recurse -Force
                }
            }

            if ($viaSsh) {
                $ssh.SkipReason = Get-SshSkipReason
                if ($ssh.SkipReason) { return }
                Start-TestSshd
                $remote = Invoke-InSession -ArgumentList $manifest -ScriptBlock {
                    param($manifest)
                    Import-Module $manifest -ErrorAction Stop
                    [pscustomobject]@{ ProcessId = $PID; ModulePath = (Get-Module NetstatPS).ModuleBase }
                }
                $ssh.RemotePid = $remote.ProcessId
                $ssh.RemoteModule = $remote.ModulePath
            }

            foreach ($name in $queries.Keys) {
                $arguments = @($queries[$name].ToString(), $probeInfo, $render.ToString())
                if ($viaSsh) {
                    $run = Split-Rendered (Invoke-InSession -ScriptBlock $runAndRender -ArgumentList $arguments)
                    $copies = $run.Objects
                }
                else {
                    $run = Split-Rendered (& $runAndRender @arguments)
                    $copies = ConvertTo-ClixmlCopy $run.Objects
                }
                $results[$name] = @{ Copies = $copies; Rendered = $run.Rendered }
            }
        }

        AfterAll {
            if ($viaSsh) { Stop-TestSshd }
        }

        It 'renders <_> exactly as the live objects do, in both views at 80 and 120 columns' -ForEach @('Connections', 'TcpInfo', 'Sampled', 'Routes', 'Interfaces', 'TcpStatistics', 'Watch') {
            Skip-UnlessTransportRuns
            $result = $results[$_]
            $result.Copies | Should -Not -BeNullOrEmpty -Because "the $_ query gives objects"
            $here = & $render $result.Copies
            foreach ($key in $here.Keys) {
                $here[$key] | Should -BeExactly $result.Rendered.$key -Because "the $key rendering of the $_ copies must be the live one"
            }
        }

        It 'renders the probe''s connections exactly as a live read in this process, at 80 and 120 columns' {
            Skip-UnlessTransportRuns
            $copies = $results.Connections.Copies
            $live = Get-NetConnectionEx -LocalPort $probeInfo.Ports -LocalAddress 127.0.0.1, ::1 -State Listen, Established
            foreach ($width in 80, 120) {
                ($copies | Out-String -Width $width) | Should -BeExactly ($live | Out-String -Width $width) -Because "at $width columns"
            }
        }

        It 'arrives as Deserialized.NetstatPS.* objects' {
            Skip-UnlessTransportRuns
            $results.Connections.Copies[0].PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.Connection'
            $results.TcpInfo.Copies[0].PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.Connection#TcpInfo'
            $results.Sampled.Copies[0].PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.Connection#Sampled'
            $results.Routes.Copies[0].PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.Route'
            $results.Interfaces.Copies[0].PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.InterfaceStatistic'
            $results.TcpStatistics.Copies[0].PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.TcpStatistic'
            $results.Watch.Copies[0].PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.ConnectionChange'
            foreach ($result in $results.Values) {
                $result.Copies | ForEach-Object { $_.PSObject.TypeNames[0] } | Should -Match '^Deserialized\.NetstatPS\.'
            }
        }

        It 'compares State, Protocol and AddressFamily by their names' {
            Skip-UnlessTransportRuns
            $copies = $results.Connections.Copies
            $listen = @($copies | Where-Object { $_.State -eq 'Listen' })
            $listen.LocalPort | Sort-Object | Should -Be (@($probe.ListenPort, $probe.UdpPort, $probe.Listen6Port, $probe.Udp6Port) | Sort-Object)
            @($copies | Where-Object { $_.State -eq 'Established' }).LocalPort | Sort-Object | Should -Be (@($probe.ListenPort, $probe.ClientPort) | Sort-Object)
            @($copies | Where-Object { $_.Protocol -eq 'Tcp' }) | Should -HaveCount 4
            @($copies | Where-Object { $_.Protocol -eq 'Udp' }).LocalPort | Sort-Object | Should -Be (@($probe.UdpPort, $probe.Udp6Port) | Sort-Object)
            @($copies | Where-Object { $_.AddressFamily -eq 'IPv6' }).LocalPort | Sort-Object | Should -Be (@($probe.Listen6Port, $probe.Udp6Port) | Sort-Object)
            @($copies | Where-Object { $_.State -eq 'Listen' -and $_.Protocol -eq 'Tcp' -and $_.AddressFamily -eq 'IPv4' }).LocalPort | Should -Be $probe.ListenPort
            # The names as the live enums give them, and the enum values still convert.
            $copies | ForEach-Object { $_.State | Should -BeOfType [string] }
            [NetstatPS.ConnectionState]($listen[0].State) | Should -Be ([NetstatPS.ConnectionState]::Listen)
            @($results.Watch.Copies | Where-Object { $_.ChangeType -eq 'Added' -and $_.State -eq 'Listen' -and $_.Protocol -eq 'Tcp' }) | Should -Not -BeNullOrEmpty
        }

        It 'carries Owners as data: the probe''s sockets are owned by this test process' {
            Skip-UnlessTransportRuns
            Skip-TestUnless $platform.OwnersVisible $noOwners
            foreach ($row in $results.Connections.Copies) {
                $row.Owners | Should -Not -BeNullOrEmpty
                $row.Owners[0].PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.ProcessOwner'
                $row.Owners[0].ProcessId | Should -Be $PID
                $row.Owners[0].ProcessId | Should -BeOfType [int]
                $row.Owners[0].Name | Should -Be (Get-Process -Id $PID).ProcessName
                $row.ProcessId | Should -Be $PID
            }
        }

        It 'carries TcpInfo as data: RTT and congestion window are numbers' {
            Skip-UnlessTransportRuns
            Skip-TestUnless (-not $platform.IsWindows) $noTcpInfo
            $row = $results.TcpInfo.Copies
            $row | Should -HaveCount 1
            $row.LocalPort | Should -Be $probe.ClientPort
            $row.TcpInfo.PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.TcpMetrics'
            $row.TcpInfo.RoundTripTimeMs | Should -BeOfType [double]
            $row.TcpInfo.CongestionWindow | Should -BeOfType [long]
            $row.TcpInfo.CongestionWindow | Should -BeGreaterThan 0
            $row.TcpInfo.MaxSegmentSize | Should -BeGreaterThan 0
        }

        It 'keeps the aliases: OwningProcess, Gateway, InterfaceAlias, ifIndex' {
            Skip-UnlessTransportRuns
            foreach ($row in $results.Connections.Copies) { $row.OwningProcess | Should -Be $row.ProcessId }
            if ($platform.OwnersVisible) { $results.Connections.Copies[0].OwningProcess | Should -Be $PID }
            foreach ($change in $results.Watch.Copies) { $change.OwningProcess | Should -Be $change.ProcessId }
            foreach ($route in $results.Routes.Copies) {
                $route.Gateway | Should -Be $route.NextHop
                $route.InterfaceAlias | Should -Be $route.InterfaceName
                $route.ifIndex | Should -Be $route.InterfaceIndex
            }
            foreach ($interface in $results.Interfaces.Copies) {
                $interface.InterfaceAlias | Should -Be $interface.Name
                $interface.ifIndex | Should -Be $interface.Index
                $interface.InterfaceIndex | Should -Be $interface.Index
            }
        }

        It 'uses the module''s views: headers and a known row' {
            Skip-UnlessTransportRuns
            $text = $results.Connections.Copies | Out-String -Width 80
            Get-HeaderLine $text | Should -Match '^Proto +Local Address +Foreign Address +State +PID +Process$'
            $owner = if ($platform.OwnersVisible) { " +$PID +\S+" } else { '' }
            $text | Should -Match "(?m)^TCP +127\.0\.0\.1:$($probe.ListenPort) +0\.0\.0\.0:0 +Listen$owner[ \r]*$"
            $text | Should -Match "(?m)^UDP6 +\[::1\]:$($probe.Udp6Port) +\*:\* +Listen$owner[ \r]*$"
            Get-HeaderLine ($results.TcpInfo.Copies | Out-String -Width 80) | Should -Match '^Proto +Local Address +Foreign Address +RTT ms +Cwnd +Retr +Sent +Received$'
            Get-HeaderLine ($results.Sampled.Copies | Out-String -Width 80) | Should -Match '^Sample at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$'
            Get-HeaderLine ($results.Routes.Copies | Out-String -Width 80) | Should -Match '^Destination +Netmask +Gateway +Interface +Metric$'
            Get-HeaderLine ($results.Interfaces.Copies | Out-String -Width 80) | Should -Match '^Iface +MTU +RX-OK +RX-ERR +RX-DRP +RX-OVR +TX-OK +TX-ERR +TX-DRP +TX-OVR$'
            Get-HeaderLine ($results.TcpStatistics.Copies | Out-String -Width 80) | Should -Match '^TCP(v4|v6)? Statistics'
            Get-HeaderLine ($results.Watch.Copies | Out-String -Width 120) | Should -Match '^Time +Change +Proto +Local +Foreign +State +PID +Process$'
        }

        It '-Watch reports the listener that appeared while it ran, with its owner as data' {
            Skip-UnlessTransportRuns
            $facts = $results.Watch.Rendered
            $facts.WatchPort | Should -BeGreaterThan 0 -Because 'the second runspace opened its listener'
            $mine = @($results.Watch.Copies | Where-Object { $_.LocalPort -eq $facts.WatchPort })
            $mine | Should -HaveCount 1 -Because 'the listener appeared once during the watch and stayed open until it ended'
            $mine[0].ChangeType | Should -Be 'Added'
            $mine[0].Change | Should -Be 'Added'
            $mine[0].Connection.PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.Connection'
            $mine[0].Connection.LocalPort | Should -Be $facts.WatchPort
            $mine[0].Connection.State | Should -Be 'Listen'
            if ($platform.OwnersVisible) {
                # Opened by the process that ran the watch: this one for CLIXML, the remote PowerShell over SSH.
                $mine[0].ProcessId | Should -Be $facts.WatchProcessId
                $mine[0].Connection.Owners[0].ProcessId | Should -Be $facts.WatchProcessId
            }
        }

        if ($Transport -like 'SSH*') {
            It 'ran the queries in a remote PowerShell over SSH that imported this build of the module' {
                Skip-UnlessTransportRuns
                $ssh.Session.Transport | Should -Be 'SSH'
                $ssh.RemotePid | Should -Not -Be $PID
                $results.Watch.Rendered.ProcessId | Should -Be $ssh.RemotePid
                $ssh.RemoteModule | Should -Be (Split-Path -Parent $manifest)
                # The remote process is a child of the sshd this file started.
                (Get-Process -Id $ssh.RemotePid).Parent | Should -Not -BeNullOrEmpty
                @(Get-DescendantProcess $ssh.Process.Id).Id | Should -Contain $ssh.RemotePid
            }

            It 'without -HideComputerName adds PSComputerName after the view''s columns and keeps every port at 80 columns' {
                Skip-UnlessTransportRuns
                $rows = @(Invoke-InSession -ShowComputerName -ArgumentList (, $probeInfo.Ports) -ScriptBlock { param($ports) Get-NetConnectionEx -LocalPort $ports -LocalAddress 127.0.0.1, ::1 -State Listen, Established })
                $rows | ForEach-Object { $_.PSComputerName | Should -Be '127.0.0.1' }
                $text = $rows | Out-String -Width 80
                # PowerShell appends PSComputerName to every remote table; the view's own columns stay in front.
                Get-HeaderLine $text | Should -Match '^Proto +Local Address +Foreign Addre'
                $text | Should -Match 'PSComputerNam'
                foreach ($row in $rows) {
                    $text | Should -Match "(?m)^$($row.Proto) +\S*:$($row.LocalPort) " -Because 'a narrowed endpoint column cuts the address, never the port'
                }
            }

            It 'closes the session and stops its sshd by PID, leaving none of its processes behind' {
                Skip-UnlessTransportRuns
                $sshdPid = $ssh.Process.Id
                $remotePid = $ssh.RemotePid
                $pidFile = Get-Content -LiteralPath (Join-Path $ssh.Directory 'sshd.pid') -Raw
                [int]$pidFile.Trim() | Should -Be $sshdPid -Because 'the sshd that wrote the PidFile is the one this file started'
                Stop-TestSshd
                $ssh.StoppedPid | Should -Be $sshdPid
                $ssh.StoppedDescendants | Should -Contain $remotePid
                foreach ($id in @($sshdPid) + $ssh.StoppedDescendants) {
                    Test-Path -LiteralPath "/proc/$id" | Should -BeFalse -Because "process $id (sshd or one it started) must have ended and been reaped"
                }
                Test-Path -LiteralPath $ssh.Directory | Should -BeFalse
            }
        }
    }
}
