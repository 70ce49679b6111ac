#Requires -Version 5.1
# Pester 5: what a person reads. Every default view at 80 and 120 columns (the widths a redirect and a
# wide terminal render at): the header, a known row of a probe with v4, v6 and long-IPv6 sockets, and
# the same text after a CLIXML round trip (what remoting delivers). Render-Views.ps1 renders, in the
# test network of TestNetwork.sh: on Linux in a fresh pwsh inside 'unshare -n', under Wine in this
# process (the Wine runner's namespace has that network).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
    Import-Module (Get-NetstatPSTestManifest) -Force
    $script:platform = Get-NetstatPSTestPlatform
    $script:net = Get-TestNetworkAddress
    $script:out = Join-Path ([System.IO.Path]::GetTempPath()) ('nsps-views-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $out
    $script:canRender = $platform.UnderWine -or ($platform.IsLinux -and $platform.IsRoot)
    $script:cannotRender = 'the views are rendered in the test network (tests/Pester/TestNetwork.sh), which needs root on Linux (unshare -n) or the Wine runner''s namespace'

    if ($platform.IsLinux -and $platform.IsRoot) {
        # The probe has a known name: nsps-testhost started through a link called nsps-probe.
        $testHost = Join-Path $PSScriptRoot '../NetstatPS.TestHost/bin/Release/net10.0/nsps-testhost'
        if (-not (Test-Path $testHost)) { throw "$testHost is missing: build with 'dotnet build NetstatPS.sln -c Release' first." }
        $probeLink = Join-Path $out 'nsps-probe'
        $null = New-Item -ItemType SymbolicLink -Path $probeLink -Target ([System.IO.Path]::GetFullPath($testHost))
        $self = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $shell = if ([System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { @($self, (Join-Path $PSHOME 'pwsh.dll')) } else { @($self) }
        $quoted = ($shell + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Render-Views.ps1'), '-OutDir', $out, '-ProbeCommand', $probeLink) |
                ForEach-Object { "'" + ($_ -replace "'", "'\''") + "'" }) -join ' '
        $env:NETSTATPS_MODULE_PATH = [System.IO.Path]::GetFullPath((Get-NetstatPSTestManifest))
        $log = & unshare -n sh -c "sh '$(Join-Path $PSScriptRoot 'TestNetwork.sh')' && exec $quoted" 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Render-Views.ps1 in a private network namespace failed ($LASTEXITCODE):`n$($log -join "`n")" }
    }
    elseif ($platform.UnderWine) {
        & (Join-Path $PSScriptRoot 'Render-Views.ps1') -OutDir $out
    }

    if ($canRender) {
        $script:probe = Get-Content -Raw (Join-Path $out 'probe.json') | ConvertFrom-Json
        $script:owner = if ($probe.ProcessId) { "\s+$($probe.ProcessId) $([regex]::Escape($probe.Name))" } else { '' }
        function script:Port([string] $Protocol, [string] $Address, [string] $State, [switch] $Remote) {
            $s = @($probe.Sockets | Where-Object { $_.Protocol -eq $Protocol -and $_.LocalAddress -eq $Address -and $_.State -eq $State -and (($_.RemotePort -ne 0) -eq [bool]$Remote) })
            return $s[0]
        }
    }

    function script:Read-View([string] $Name, [int] $Width, [switch] $Remote) {
        $file = Join-Path $out ("$Name-$Width" + $(if ($Remote) { '-remote' }) + '.txt')
        return Get-Content -Raw $file
    }
}

AfterAll {
    Remove-Item -Recurse -Force $out -ErrorAction SilentlyContinue
}

Describe 'Default views at <_> columns' -ForEach 80, 120 {
    BeforeAll {
        $script:width = $_
    }

    It 'no line is wider than the terminal, in any view' {
        Skip-TestUnless $canRender $cannotRender
        foreach ($file in Get-ChildItem $out -Filter "*-$width*.txt") {
            foreach ($line in (Get-Content $file.FullName)) {
                $line.Length | Should -BeLessOrEqual $width -Because "$($file.Name): '$line'"
            }
        }
    }

    It 'connections read like netstat -ano with the process' {
        Skip-TestUnless $canRender $cannotRender
        $text = Read-View connections $width
        $text | Should -Match '(?m)^Proto\s+Local Address\s+Foreign Address State\s+PID Process\s*$'
        $v4 = Port Tcp '127.0.0.1' Listen
        $text | Should -Match "(?m)^TCP\s+127\.0\.0\.1:$($v4.LocalPort)\s+0\.0\.0\.0:0 Listen$owner\s*$"
        $udp6 = Port Udp '::1' Listen
        $text | Should -Match "(?m)^UDP6\s+\[::1\]:$($udp6.LocalPort)\s+\*:\* Listen$owner\s*$"
        $pair6 = Port Tcp '::1' Established -Remote
        $text | Should -Match "(?m)^TCP6\s+\[::1\]:$($pair6.LocalPort)\s+\[::1\]:$($pair6.RemotePort) Established$owner\s*$"
    }

    It 'a long IPv6 address never costs the port' {
        Skip-TestUnless $canRender $cannotRender
        $text = Read-View connections $width
        $full = "[$($net.LongIPv6)]"
        foreach ($s in @($probe.Sockets | Where-Object LocalAddress -eq $net.LongIPv6)) {
            $remote = if ($s.RemotePort) { "…?\S*:$($s.RemotePort)" } else { '\[::\]:0' }
            $line = @($text -split "`n" | Where-Object { $_ -match "^TCP6\s+(…?\S*):$($s.LocalPort)\s+$remote $($s.State)$owner\s*$" })
            $line | Should -HaveCount 1 -Because "the $($s.State) socket on port $($s.LocalPort) has one row"
            # What is shown of the address is its end, cut at the front (right-aligned columns).
            $shown = $Matches[1].TrimStart('…')
            $full.EndsWith($shown) | Should -BeTrue -Because "'$shown' is the end of $full"
            $shown.Length | Should -BeGreaterOrEqual $(if ($width -eq 80) { 13 } else { 30 })
        }
    }

    It 'routes read like route print' {
        Skip-TestUnless $canRender $cannotRender
        $text = Read-View routes $width
        $text | Should -Match '(?m)^\s*Destination\s+Netmask\s+Gateway\s+Interface Metric\s*$'
        $text | Should -Match "(?m)^\s+0\.0\.0\.0/0\s+0\.0\.0\.0\s+$([regex]::Escape($net.Gateway))\s+nsps0\s+\d*\s*$"
        $text | Should -Match '(?m)^\s+192\.0\.2\.0/24\s+255\.255\.255\.0\s+On-link\s+nsps0\s+\d*\s*$'
    }

    It 'interfaces read like netstat -i' {
        Skip-TestUnless $canRender $cannotRender
        $text = Read-View interfaces $width
        $text | Should -Match '(?m)^Iface\s+MTU\s+RX-OK RX-ERR RX-DRP RX-OVR\s+TX-OK TX-ERR TX-DRP TX-OVR\s*$'
        if ($platform.IsLinux) {
            $text | Should -Match '(?m)^nsps0\s+1500(\s+\d+){8}\s*$'
        }
        else {
            # Windows keeps no overrun counters: RX-OVR and TX-OVR are $null, so blank.
            $text | Should -Match '(?m)^nsps0\s+1500\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s*$'
        }
    }

    It 'multicast memberships read like netstat -g' {
        Skip-TestUnless $canRender $cannotRender
        Skip-TestUnless $platform.IsLinux 'Wine 8 has no GetMulticastIpAddressTable, so there are no memberships to show'
        $text = Read-View multicast $width
        $text | Should -Match '(?m)^Interface\s+RefCnt Group\s*$'
        $text | Should -Match '(?m)^nsps0\s+1 224\.0\.0\.1\s*$'
        $text | Should -Match '(?m)^lo\s+1 ff02::1\s*$'
    }

    It 'protocol statistics read like netstat -s, every protocol' {
        Skip-TestUnless $canRender $cannotRender
        $text = Read-View protocols $width
        foreach ($header in 'IPv4 Statistics', 'IPv6 Statistics', 'ICMPv4 Statistics', 'ICMPv6 Statistics', 'UDPv4 Statistics', 'UDPv6 Statistics') {
            $text | Should -Match "(?m)^$header\s*$"
        }
        $text | Should -Match '(?m)^TCP(v4)? Statistics'
        $text | Should -Match '(?m)^  ActiveOpens\s+= \d+\s*$'
        $text | Should -Match '(?m)^  NoPorts\s+= \d+\s*$'
        $text | Should -Match '(?m)^  Message type\s+Received\s+Sent\s*$'
        $text | Should -Not -Match 'Counters\s*:'
        $text | Should -Not -Match '\{\['
    }

    It 'protocol samples after the first show each counter''s change' {
        Skip-TestUnless $canRender $cannotRender
        $text = Read-View protocolinterval $width
        $text | Should -Match 's after the previous sample'
        $text | Should -Match '(?m)^  SegmentsSent\s+= \d+\s+[+-]?\d+\s*$'
    }

    It 'Unix sockets read like ss -x: the end of a long path, the peer''s name and inode' {
        Skip-TestUnless ($canRender -and $platform.IsLinux) 'Linux only: Windows has no table of Unix sockets'
        $text = Read-View unix $width
        $text | Should -Match '(?m)^Proto\s+Local Address\s+Foreign Address State\s+PID Process\s*$'
        $listen = @($probe.UnixSockets | Where-Object { $_.Path -like '*view.sock' -and $_.State -eq 'Listen' })[0]
        $accepted = @($probe.UnixSockets | Where-Object { $_.Path -like '*view.sock' -and $_.State -eq 'Established' })[0]
        # A path wider than the column loses its start, never its end.
        $listen.Path.Length | Should -BeGreaterThan 60
        $shown = '…\S*' + [regex]::Escape('column/view.sock')
        $text | Should -Match "(?m)^u_str\s+$shown\s+\* Listen$owner\s*$"
        $text | Should -Match "(?m)^u_str\s+$shown\s+\* $($accepted.PeerInode) Established$owner\s*$"
        $text | Should -Match "(?m)^u_str\s+\*\s+\S*view\.sock $($accepted.Inode) Established$owner\s*$"
        $text | Should -Match "(?m)^u_str\s+@nsps-view\s+\* Listen$owner\s*$"
        @($text -split "`n" | Where-Object { $_ -match '^u_str\s+\*\s+\* \d+ Established' }) | Should -HaveCount 2 -Because 'the socketpair has two unnamed ends'
    }

    It 'raw sockets read like netstat -w: the protocol number where a port would be' {
        Skip-TestUnless ($canRender -and $platform.IsLinux) 'Linux only: Windows has no table of raw sockets'
        Read-View raw $width | Should -Match "(?m)^RAW\s+127\.0\.0\.1:1\s+\*:\* Listen$owner\s*$"
    }

    It '-Watch shows time, change, both ends, state and owner' {
        Skip-TestUnless $canRender $cannotRender
        $text = Read-View watch $width
        $text | Should -Match '(?m)^Time\s+Change\s+Proto\s+Local\s+Foreign State\s+PID Process\s*$'
        $text | Should -Match '(?m)^\d\d:\d\d:\d\d Added\s+TCP6\s+…?\S+:\d+\s+\[::\]:0 Listen'
        $text | Should -Match '(?m)^\d\d:\d\d:\d\d Removed TCP6\s+…?\S+:\d+\s+\[::\]:0 Listen'
    }

    It '-IncludeTcpInfo shows what ss -ti shows' {
        Skip-TestUnless $canRender $cannotRender
        $text = Read-View tcpinfo $width
        $text | Should -Match '(?m)^Proto\s+Local Address\s+Foreign Address\s+RTT ms\s+Cwnd Retr\s+Sent\s+Received\s*$'
        $pair = Port Tcp '::1' Established -Remote
        if ($platform.IsLinux) {
            $text | Should -Match "(?m)^TCP6\s+\[::1\]:$($pair.LocalPort)\s+\[::1\]:$($pair.RemotePort)\s+[\d.]+\s+\d+\s+\d+\s+\d+\s+\d+\s*$"
        }
        else {
            # Windows: TcpInfo stays $null (collecting it would change system state), so the columns are empty.
            $text | Should -Match "(?m)^TCP6\s+\[::1\]:$($pair.LocalPort)\s+\[::1\]:$($pair.RemotePort)\s*$"
        }
    }

    It '-IncludeSocketMemory shows what ss -m shows' {
        Skip-TestUnless $canRender $cannotRender
        $text = Read-View socketmemory $width
        $text | Should -Match '(?m)^Proto\s+Local Address\s+Foreign Address\s+RcvAlloc\s+RcvBuf\s+SndAlloc\s+SndBuf\s+Drops\s*$'
        $pair = Port Tcp '::1' Established -Remote
        $udp = Port Udp '127.0.0.1' Listen
        if ($platform.IsLinux) {
            $text | Should -Match "(?m)^TCP6\s+\[::1\]:$($pair.LocalPort)\s+\[::1\]:$($pair.RemotePort)(\s+\d+){5}\s*$"
            $text | Should -Match "(?m)^UDP\s+127\.0\.0\.1:$($udp.LocalPort)\s+\*:\*(\s+\d+){5}\s*$"
        }
        else {
            # Windows: no per-socket memory, so the columns are empty.
            $text | Should -Match "(?m)^TCP6\s+\[::1\]:$($pair.LocalPort)\s+\[::1\]:$($pair.RemotePort)\s*$"
        }
    }

    It '-ResolveHostName shows names' {
        Skip-TestUnless $canRender $cannotRender
        $v4 = Port Tcp '127.0.0.1' Listen
        Read-View resolved $width | Should -Match "(?m)^TCP\s+localhost:$($v4.LocalPort)\s"
    }

    It '-Interval samples are grouped, one header per sample' {
        Skip-TestUnless $canRender $cannotRender
        $headers = @((Read-View interval $width) -split "`n" | Where-Object { $_ -match '^\s*Sample at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\s*$' })
        $headers | Should -HaveCount 2
        $headers[0] | Should -Not -Be $headers[1]
    }

    It '<_> renders the same after a CLIXML round trip' -ForEach 'connections', 'tcpinfo', 'socketmemory', 'resolved', 'interval', 'watch', 'routes', 'interfaces', 'multicast', 'protocols', 'protocolinterval', 'unix', 'raw' {
        Skip-TestUnless $canRender $cannotRender
        Skip-TestUnless ($platform.IsLinux -or $_ -notin 'unix', 'raw') 'Linux only: Windows has no table of Unix or raw sockets'
        Read-View $_ $width -Remote | Should -BeExactly (Read-View $_ $width)
    }
}

Describe 'Objects after a CLIXML round trip' {
    BeforeAll {
        if ($canRender) {
            $script:connections = @(Import-Clixml (Join-Path $out 'connections.clixml'))
            $script:tcpinfo = @(Import-Clixml (Join-Path $out 'tcpinfo.clixml'))
            $script:routesBack = @(Import-Clixml (Join-Path $out 'routes.clixml'))
            $script:interfacesBack = @(Import-Clixml (Join-Path $out 'interfaces.clixml'))
            $script:protocolsBack = @(Import-Clixml (Join-Path $out 'protocols.clixml'))
        }
    }

    It 'State, Protocol and AddressFamily compare with their names' {
        Skip-TestUnless $canRender $cannotRender
        $connections[0].PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.Connection'
        # The default table lists TCP and UDP: the probe's raw socket (Linux) is not in it.
        @($connections | Where-Object State -eq 'Listen').Count | Should -Be @($probe.Sockets | Where-Object { $_.State -eq 'Listen' -and $_.Protocol -ne 'Raw' }).Count
        @($connections | Where-Object Protocol -eq 'Udp').Count | Should -Be @($probe.Sockets | Where-Object Protocol -eq 'Udp').Count
        @($connections | Where-Object AddressFamily -eq 'IPv6').Count | Should -Be @($probe.Sockets | Where-Object LocalAddress -like '*:*').Count
        @($interfacesBack | Where-Object Status -eq 'Up').Name | Should -Contain 'nsps0'
    }

    It 'owners arrive as data' {
        Skip-TestUnless $platform.IsLinux 'Wine 8 reports no owners'
        Skip-TestUnless $canRender $cannotRender
        $row = $connections | Where-Object LocalPort -eq (Port Tcp '127.0.0.1' Listen).LocalPort
        $row.Owners[0].ProcessId | Should -Be $probe.ProcessId
        $row.Owners[0].Name | Should -Be $probe.Name
        $row.OwningProcess | Should -Be $probe.ProcessId
    }

    It 'TcpInfo arrives as data' {
        Skip-TestUnless $platform.IsLinux 'Windows leaves TcpInfo $null'
        Skip-TestUnless $canRender $cannotRender
        $row = $tcpinfo | Select-Object -First 1
        $row.TcpInfo.CongestionWindow | Should -BeGreaterThan 0
        $row.TcpInfo.RoundTripTimeMs | Should -BeOfType [double]
    }

    It 'counters arrive as dictionaries' {
        Skip-TestUnless $canRender $cannotRender
        $icmp = $protocolsBack | Where-Object Protocol -eq 'ICMPv4'
        @($icmp.Received.Keys) | Should -Contain 'EchoRequest'
        $tcp = $protocolsBack | Where-Object { $_.PSObject.TypeNames -contains 'Deserialized.NetstatPS.TcpStatistic' } | Select-Object -First 1
        $tcp.Counters.Count | Should -BeGreaterThan 5
        $routesBack[0].PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.Route'
        $routesBack[0].Gateway | Should -Be $routesBack[0].NextHop
    }
}
