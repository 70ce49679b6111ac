#Requires -Version 5.1
# Pester 5 contract of Get-NetConnectionEx: every parameter through real binding, on real loopback
# sockets this PowerShell process opens (see New-SocketProbe), on Linux and on the Windows code path.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
    Import-Module (Get-NetstatPSTestManifest) -Force
    $script:platform = Get-NetstatPSTestPlatform
    $script:probe = New-SocketProbe
    $script:cmd = 'NetstatPS.Commands.GetNetConnectionExCommand'
    $script:noOwners = 'Wine 8 reports owner PID 0 for every socket, so no socket is owned by this process'
    $script:probePorts = @($probe.ListenPort, $probe.ClientPort, $probe.UdpPort, $probe.Listen6Port, $probe.Udp6Port)
}

AfterAll {
    $script:probe.Dispose()
}

Describe 'Get-NetConnectionEx rows' {
    It 'finds the IPv4 listener this test opened, with its owner' {
        $row = Get-NetConnectionEx -Protocol Tcp -State Listen -LocalPort $probe.ListenPort
        $row | Should -HaveCount 1
        $row.PSObject.TypeNames | Should -Contain 'NetstatPS.Connection'
        $row.Protocol | Should -Be 'Tcp'
        $row.AddressFamily | Should -Be 'IPv4'
        $row.LocalAddress | Should -Be '127.0.0.1'
        $row.RemoteAddress | Should -Be '0.0.0.0'
        $row.RemotePort | Should -Be 0
        $row.ProcessId | Should -Be $platform.OwnPid
        $row.OwningProcess | Should -Be $platform.OwnPid
    }

    It 'names the owning process as Get-Process does' {
        Skip-TestUnless $platform.OwnersVisible 'Skipped under Wine: Wine 8 reports owner PID 0 for every socket, so there is no name to compare'
        $row = Get-NetConnectionEx -Protocol Tcp -State Listen -LocalPort $probe.ListenPort
        $row.ProcessName | Should -Be (Get-Process -Id $PID).ProcessName
    }

    It 'finds both ends of the established pair' {
        $server = Get-NetConnectionEx -State Established -LocalPort $probe.ListenPort -RemotePort $probe.ClientPort
        $client = Get-NetConnectionEx -State Established -LocalPort $probe.ClientPort -RemotePort $probe.ListenPort
        $server | Should -HaveCount 1
        $client | Should -HaveCount 1
        $server.RemoteAddress | Should -Be '127.0.0.1'
        $client.RemoteAddress | Should -Be '127.0.0.1'
        $client.ProcessId | Should -Be $platform.OwnPid
    }

    It 'finds the IPv6 listener on ::1' {
        $row = Get-NetConnectionEx -Protocol Tcp -LocalPort $probe.Listen6Port -LocalAddress ::1
        $row | Should -HaveCount 1
        $row.AddressFamily | Should -Be 'IPv6'
        $row.LocalAddress | Should -Be '::1'
        $row.State | Should -Be 'Listen'
    }

    It 'shows an unconnected UDP endpoint as Listen, like ss -l' {
        $row = Get-NetConnectionEx -Protocol Udp -LocalPort $probe.UdpPort
        $row | Should -HaveCount 1
        $row.State | Should -Be 'Listen'
        $row.RemotePort | Should -Be 0
        @(Get-NetConnectionEx -State Listen -LocalPort $probe.UdpPort) | Should -HaveCount 1
    }

    It 'groups TCP and UDP together by process' {
        Skip-TestUnless $platform.OwnersVisible $noOwners
        $mine = Get-NetConnectionEx -State Listen -ProcessId $platform.OwnPid | Group-Object ProcessId | Where-Object Name -eq "$($platform.OwnPid)"
        $mine.Group.Protocol | Should -Contain 'Tcp'
        $mine.Group.Protocol | Should -Contain 'Udp'
    }

    It 'gives flat text addresses in JSON and CSV' {
        $row = Get-NetConnectionEx -State Listen -LocalPort $probe.ListenPort
        $json = $row | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.LocalAddress | Should -Be '127.0.0.1'
        $csv = $row | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $csv.LocalAddress | Should -Be '127.0.0.1'
        $csv.LocalPort | Should -Be "$($probe.ListenPort)"
    }

    It 'reads like netstat -ano by default' {
        $text = Get-NetConnectionEx -State Listen -LocalPort $probe.ListenPort | Out-String -Width 120
        $text | Should -Match 'Proto'
        $text | Should -Match 'Local Address'
        $text | Should -Match "127\.0\.0\.1:$($probe.ListenPort)"
    }

    It 'keeps its type names and aliases after a remoting round trip' {
        $row = Get-NetConnectionEx -State Listen -LocalPort $probe.ListenPort
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($row))
        $copy.PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.Connection'
        $copy.LocalAddress | Should -Be '127.0.0.1'
        $copy.OwningProcess | Should -Be $platform.OwnPid
    }
}

Describe 'Get-NetConnectionEx -Protocol' {
    It 'selects <Value>' -TestCases @(
        @{ Value = 'Tcp'; Expected = @('Tcp') }
        @{ Value = 'Udp'; Expected = @('Udp') }
        @{ Value = 'tcp'; Expected = @('Tcp') }
    ) {
        $rows = Get-NetConnectionEx -Protocol $Value -LocalPort $probePorts
        $rows | Should -Not -BeNullOrEmpty
        $rows.Protocol | Select-Object -Unique | Should -Be $Expected
        $rows.LocalPort | Should -Contain $(if ($Expected -eq 'Tcp') { $probe.ListenPort } else { $probe.UdpPort })
    }

    It 'takes an array' {
        $rows = Get-NetConnectionEx -Protocol Tcp, Udp -LocalPort $probe.ListenPort, $probe.UdpPort -State Listen -LocalAddress 127.0.0.1
        ($rows.Protocol | ForEach-Object ToString | Sort-Object -Unique) | Should -Be @('Tcp', 'Udp')
    }

    It 'rejects an unknown protocol, naming it and the allowed ones' {
        $err = Get-ErrorFrom { Get-NetConnectionEx -Protocol Sctp }
        $err.FullyQualifiedErrorId | Should -Be "CannotConvertArgumentNoMessage,$cmd"
        $err.Exception.Message | Should -Match 'Sctp'
        $err.Exception.Message | Should -Match 'Tcp, Udp'
    }

    It 'completes every protocol' {
        Get-CompletionText 'Get-NetConnectionEx -Protocol ' | Should -Be @('Raw', 'Tcp', 'Udp', 'Unix')
        Get-CompletionText 'Get-NetConnectionEx -Protocol u' | Should -Be @('Udp', 'Unix')
    }

    It 'lists TCP and UDP only when no protocol is named' {
        $protocols = @(Get-NetConnectionEx | ForEach-Object { "$($_.Protocol)" } | Sort-Object -Unique)
        $protocols | Should -Not -Contain 'Unix'
        $protocols | Should -Not -Contain 'Raw'
    }
}

Describe 'Get-NetConnectionEx -Protocol Unix and Raw' {
    BeforeAll {
        # A Unix stream listener with one accepted connection, opened by this PowerShell process (Linux).
        $script:unixPath = Join-Path ([System.IO.Path]::GetTempPath()) ('nsps-pester-' + [guid]::NewGuid().ToString('N').Substring(0, 12) + '.sock')
        $script:unix = @()
        if ($platform.IsLinux) {
            $endPoint = [System.Net.Sockets.UnixDomainSocketEndPoint]::new($unixPath)
            $new = { [System.Net.Sockets.Socket]::new([System.Net.Sockets.AddressFamily]::Unix, [System.Net.Sockets.SocketType]::Stream, [System.Net.Sockets.ProtocolType]::Unspecified) }
            $listener = & $new
            $listener.Bind($endPoint)
            $listener.Listen(4)
            $client = & $new
            $client.Connect($endPoint)
            $script:unix = @($listener, $client, $listener.Accept())
        }
        $script:linuxOnly = 'Linux only: Windows has no table of Unix or raw sockets (see the NotSupportedOnThisOS test)'
    }

    AfterAll {
        foreach ($s in $script:unix) { $s.Dispose() }
        Remove-Item -LiteralPath $script:unixPath -ErrorAction SilentlyContinue
    }

    It 'returns the Unix listener this test opened, with its path, type, state and owner' {
        Skip-TestUnless $platform.IsLinux $linuxOnly
        $rows = @(Get-NetConnectionEx -Protocol Unix -State Listen | Where-Object Path -eq $unixPath)
        $rows | Should -HaveCount 1
        $row = $rows[0]
        $row.PSObject.TypeNames | Should -Contain 'NetstatPS.Connection'
        $row.Protocol | Should -Be 'Unix'
        "$($row.SocketType)" | Should -Be 'Stream'
        $row.Proto | Should -Be 'u_str'
        $row.LocalEndpoint | Should -Be $unixPath
        $row.RemoteEndpoint | Should -Be '*'
        $row.ProcessId | Should -Be $PID
        $row.Inode | Should -BeGreaterThan 0
        $row.AddressFamily | Should -BeNullOrEmpty
        $row.LocalAddress | Should -BeNullOrEmpty
        $row.LocalPort | Should -BeNullOrEmpty
        $row.SendQueue | Should -Be 4
    }

    It 'links both ends of the connection, with the peer''s name, inode and owner' {
        Skip-TestUnless $platform.IsLinux $linuxOnly
        $rows = @(Get-NetConnectionEx -Protocol Unix -State Established -ProcessId $PID)
        $accepted = @($rows | Where-Object Path -eq $unixPath)
        $accepted | Should -HaveCount 1
        $client = @($rows | Where-Object Inode -eq $accepted.PeerInode)
        $client | Should -HaveCount 1
        $client.PeerInode | Should -Be $accepted.Inode
        $client.LocalEndpoint | Should -Be '*'
        $client.RemoteEndpoint | Should -Be "$unixPath $($accepted.Inode)"
        $accepted.RemoteEndpoint | Should -Be "* $($client.Inode)"
        $client.PeerProcessId | Should -Be $PID
        $accepted.PeerProcessName | Should -Be (Get-Process -Id $PID).ProcessName
    }

    It '-State Listen | Group-Object ProcessName covers TCP, UDP and Unix together' {
        Skip-TestUnless $platform.IsLinux $linuxOnly
        $mine = Get-NetConnectionEx -Protocol Tcp, Udp, Unix -State Listen | Group-Object ProcessName | Where-Object Name -eq (Get-Process -Id $PID).ProcessName
        $protocols = @($mine.Group | Where-Object ProcessId -eq $PID | ForEach-Object { "$($_.Protocol)" } | Sort-Object -Unique)
        $protocols | Should -Be @('Tcp', 'Udp', 'Unix')
        @($mine.Group | Where-Object Path -eq $unixPath) | Should -HaveCount 1
    }

    It 'leaves Unix sockets out of <Filter>, which they have no value for' -TestCases @(
        @{ Filter = '-LocalPort 0'; Extra = @{ LocalPort = 0 } }
        @{ Filter = '-RemotePort 0'; Extra = @{ RemotePort = 0 } }
        @{ Filter = '-LocalAddress 0.0.0.0/0'; Extra = @{ LocalAddress = '0.0.0.0/0' } }
        @{ Filter = '-RemoteAddress ::/0'; Extra = @{ RemoteAddress = '::/0' } }
        @{ Filter = '-AddressFamily IPv4'; Extra = @{ AddressFamily = 'IPv4' } }
        @{ Filter = '-AddressFamily IPv4, IPv6'; Extra = @{ AddressFamily = 'IPv4', 'IPv6' } }
    ) {
        Skip-TestUnless $platform.IsLinux $linuxOnly
        @(Get-NetConnectionEx -Protocol Unix -ProcessId $PID) | Should -Not -BeNullOrEmpty
        @(Get-NetConnectionEx -Protocol Unix -ProcessId $PID @Extra) | Should -BeNullOrEmpty
    }

    It 'reads like ss -x in the default view at 80 columns' {
        Skip-TestUnless $platform.IsLinux $linuxOnly
        $text = Get-NetConnectionEx -Protocol Unix -ProcessId $PID | Out-String -Width 80
        foreach ($line in $text -split "`n") { $line.TrimEnd("`r").Length | Should -BeLessOrEqual 80 -Because $line }
        $text | Should -Match '(?m)^Proto\s+Local Address\s+Foreign Address State\s+PID Process\s*$'
        # Right-aligned: a path too long for the column keeps its end (the column has 19 characters at 80).
        $end = [regex]::Escape($unixPath.Substring($unixPath.Length - 12))
        $text | Should -Match "(?m)^u_str\s+…?\S*$end\s+\* Listen\s+$PID "
        $text | Should -Match "(?m)^u_str\s+…?\S*$end\s+\* \d+ Established\s+$PID "
    }

    It 'keeps Unix rows and their view through a CLIXML round trip' {
        Skip-TestUnless $platform.IsLinux $linuxOnly
        $rows = @(Get-NetConnectionEx -Protocol Unix -ProcessId $PID | Where-Object Path -eq $unixPath)
        $copy = @([System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($rows)))
        $copy[0].PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.Connection'
        @($copy | Where-Object Protocol -eq 'Unix') | Should -HaveCount $rows.Count
        @($copy | Where-Object SocketType -eq 'Stream') | Should -HaveCount $rows.Count
        ($copy | Out-String -Width 80) | Should -BeExactly ($rows | Out-String -Width 80)
    }

    It 'lists a raw ICMP socket like netstat -w, the protocol number as its port' {
        Skip-TestUnless ($platform.IsLinux -and $platform.IsRoot) 'Linux as root only: opening a raw socket needs CAP_NET_RAW'
        $raw = [System.Net.Sockets.Socket]::new([System.Net.Sockets.AddressFamily]::InterNetwork, [System.Net.Sockets.SocketType]::Raw, [System.Net.Sockets.ProtocolType]::Icmp)
        try {
            $raw.Bind([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
            $row = @(Get-NetConnectionEx -Protocol Raw -ProcessId $PID)
            $row | Should -HaveCount 1
            $row.Protocol | Should -Be 'Raw'
            $row.LocalPort | Should -Be 1
            $row.State | Should -Be 'Listen'
            ($row | Out-String -Width 80) | Should -Match "(?m)^RAW\s+127\.0\.0\.1:1\s+\*:\* Listen\s+$PID "
            @(Get-NetConnectionEx -Protocol Raw -LocalPort 1 -ProcessId $PID) | Should -HaveCount 1
        }
        finally {
            $raw.Dispose()
        }
    }

    It 'on Windows, <Value> is one NotSupportedOnThisOS error naming the protocol' -TestCases @(
        @{ Value = 'Unix'; Arguments = @{ Protocol = 'Unix' } }
        @{ Value = 'Raw'; Arguments = @{ Protocol = 'Raw' } }
        @{ Value = 'Tcp, Unix'; Arguments = @{ Protocol = 'Tcp', 'Unix' } }
    ) {
        Skip-TestUnless $platform.IsWindows 'Windows only: Linux lists Unix and raw sockets'
        $err = Get-ErrorFrom { Get-NetConnectionEx @Arguments }
        $err.FullyQualifiedErrorId | Should -Be "NotSupportedOnThisOS,$cmd"
        $err.Exception.Message | Should -Match "-Protocol $(($Value -split ', ')[-1])"
        $err.Exception.Message | Should -Match 'Windows has no table'
    }
}

Describe 'Get-NetConnectionEx -AddressFamily' {
    It 'selects <Value> only' -TestCases @(
        @{ Value = 'IPv4'; Port = 'ListenPort' }
        @{ Value = 'IPv6'; Port = 'Listen6Port' }
    ) {
        $rows = Get-NetConnectionEx -AddressFamily $Value -State Listen -LocalPort $probePorts
        $rows.AddressFamily | Select-Object -Unique | Should -Be $Value
        $rows.LocalPort | Should -Contain $probe.$Port
    }

    It 'takes both families as an array' {
        $rows = Get-NetConnectionEx -AddressFamily IPv4, IPv6 -LocalPort $probe.ListenPort, $probe.Listen6Port -State Listen -LocalAddress 127.0.0.1, ::1 -Protocol Tcp
        $rows | Should -HaveCount 2
    }

    It 'rejects IPv5, naming the allowed families' {
        $err = Get-ErrorFrom { Get-NetConnectionEx -AddressFamily IPv5 }
        $err.FullyQualifiedErrorId | Should -Be "CannotConvertArgumentNoMessage,$cmd"
        $err.Exception.Message | Should -Match 'IPv5'
        $err.Exception.Message | Should -Match 'IPv4, IPv6'
    }

    It 'completes IPv4 and IPv6' {
        Get-CompletionText 'Get-NetConnectionEx -AddressFamily ' | Should -Be @('IPv4', 'IPv6')
    }
}

Describe 'Get-NetConnectionEx -State' {
    It 'binds the first positional argument' {
        $rows = Get-NetConnectionEx Established -LocalPort $probe.ClientPort
        $rows | Should -HaveCount 1
        $rows.State | Should -Be 'Established'
    }

    It 'takes an array of states' {
        $rows = Get-NetConnectionEx -State Listen, Established -LocalPort $probe.ListenPort
        ($rows.State | ForEach-Object ToString | Sort-Object -Unique) | Should -Be @('Established', 'Listen')
    }

    It 'returns nothing for a state no probe socket is in' {
        Get-NetConnectionEx -State SynSent -LocalPort $probe.ListenPort | Should -BeNullOrEmpty
    }

    It 'rejects an unknown state, naming it and the allowed ones' {
        $err = Get-ErrorFrom { Get-NetConnectionEx -State Listening }
        $err.FullyQualifiedErrorId | Should -Be "CannotConvertArgumentNoMessage,$cmd"
        $err.Exception.Message | Should -Match 'Listening'
        $err.Exception.Message | Should -Match 'Established'
        $err.Exception.Message | Should -Match 'TimeWait'
    }

    It 'completes every state name' {
        $completions = Get-CompletionText 'Get-NetConnectionEx -State '
        foreach ($name in [enum]::GetNames([NetstatPS.ConnectionState])) { $completions | Should -Contain $name }
        Get-CompletionText 'Get-NetConnectionEx -State Fin' | Should -Be @('FinWait1', 'FinWait2')
    }
}

Describe 'Get-NetConnectionEx -LocalAddress and -RemoteAddress' {
    It '-LocalAddress <Value> finds the IPv4 listener: <Finds>' -TestCases @(
        @{ Value = '127.0.0.1'; Finds = $true }
        @{ Value = '127.0.0.0/8'; Finds = $true }
        @{ Value = '127.0.0.1/32'; Finds = $true }
        @{ Value = '0.0.0.0/0'; Finds = $true }
        @{ Value = '127.0.0.2'; Finds = $false }
        @{ Value = '192.0.2.0/24'; Finds = $false }
        @{ Value = '::1'; Finds = $false }
    ) {
        $rows = @(Get-NetConnectionEx -LocalAddress $Value -LocalPort $probe.ListenPort -State Listen)
        $rows.Count | Should -Be ([int]$Finds)
    }

    It '-LocalAddress <Value> finds the IPv6 listener: <Finds>' -TestCases @(
        @{ Value = '::1'; Finds = $true }
        @{ Value = '::1/128'; Finds = $true }
        @{ Value = '::/0'; Finds = $true }
        @{ Value = '0:0:0:0:0:0:0:1'; Finds = $true }
        @{ Value = 'fe80::/10'; Finds = $false }
        @{ Value = '127.0.0.1'; Finds = $false }
    ) {
        $rows = @(Get-NetConnectionEx -LocalAddress $Value -LocalPort $probe.Listen6Port -State Listen)
        $rows.Count | Should -Be ([int]$Finds)
    }

    It 'takes an array mixing families and prefixes' {
        $rows = Get-NetConnectionEx -LocalAddress 127.0.0.0/8, ::1 -LocalPort $probe.ListenPort, $probe.Listen6Port -State Listen
        $rows | Should -HaveCount 2
    }

    It '-RemoteAddress selects by the peer' {
        (Get-NetConnectionEx -RemoteAddress 127.0.0.1 -LocalPort $probe.ClientPort).RemotePort | Should -Be $probe.ListenPort
        (Get-NetConnectionEx -RemoteAddress 127.0.0.0/8, ::1 -LocalPort $probe.ClientPort).RemotePort | Should -Be $probe.ListenPort
        Get-NetConnectionEx -RemoteAddress 10.0.0.0/8 -LocalPort $probe.ClientPort | Should -BeNullOrEmpty
    }

    It '-<Parameter> <Value> is refused, naming the value and what is allowed' -TestCases @(
        @{ Parameter = 'LocalAddress'; Value = '10.0.0.300'; Why = 'not an IP address' }
        @{ Parameter = 'LocalAddress'; Value = 'localhost'; Why = 'not an IP address' }
        @{ Parameter = 'LocalAddress'; Value = '10.1'; Why = 'not an IP address' }
        @{ Parameter = 'LocalAddress'; Value = '10.0.0.0/33'; Why = 'prefix length must be 0.32' }
        @{ Parameter = 'LocalAddress'; Value = 'fe80::/129'; Why = 'prefix length must be 0.128' }
        @{ Parameter = 'LocalAddress'; Value = '10.0.0.0/x'; Why = 'not a number' }
        @{ Parameter = 'RemoteAddress'; Value = '::1::2'; Why = 'not an IP address' }
        @{ Parameter = 'RemoteAddress'; Value = '10.0.0.0/-1'; Why = 'not a number' }
    ) {
        $arguments = @{ $Parameter = $Value }
        $err = Get-ErrorFrom { Get-NetConnectionEx @arguments }
        $err.FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,$cmd"
        $err.Exception.Message | Should -Match ([regex]::Escape("'$Value'"))
        $err.Exception.Message | Should -Match $Why
        $err.Exception.Message | Should -Match 'CIDR'
    }

    It 'names the one bad element of an array, not the array' {
        $err = Get-ErrorFrom { Get-NetConnectionEx -LocalAddress 127.0.0.1, 10.0.0.300, ::1 }
        $err.FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,$cmd"
        $err.Exception.Message | Should -Match "'10\.0\.0\.300'"
        $err.Exception.Message | Should -Not -Match 'System\.String'
    }

    It 'refuses an empty address' {
        (Get-ErrorFrom { Get-NetConnectionEx -LocalAddress '' }).FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,$cmd"
    }
}

Describe 'Get-NetConnectionEx -LocalPort and -RemotePort' {
    It 'takes one port and an array of ports' {
        (Get-NetConnectionEx -LocalPort $probe.UdpPort -Protocol Udp -LocalAddress 127.0.0.1).LocalPort | Should -Be $probe.UdpPort
        $rows = Get-NetConnectionEx -LocalPort $probe.ListenPort, $probe.UdpPort -State Listen -LocalAddress 127.0.0.1
        ($rows.LocalPort | Sort-Object) | Should -Be (@($probe.ListenPort, $probe.UdpPort) | Sort-Object)
    }

    It '-RemotePort selects the client end of the pair' {
        $row = Get-NetConnectionEx -RemotePort $probe.ListenPort -LocalPort $probe.ClientPort
        $row | Should -HaveCount 1
        $row.State | Should -Be 'Established'
    }

    It 'accepts the boundary ports 0 and 65535' {
        { Get-NetConnectionEx -LocalPort 0, 65535 -RemotePort 0 } | Should -Not -Throw
    }

    It '-<Parameter> <Value> is refused with <Id>' -TestCases @(
        @{ Parameter = 'LocalPort'; Value = 70000; Id = 'ParameterArgumentValidationError'; Says = '65535' }
        @{ Parameter = 'LocalPort'; Value = -1; Id = 'ParameterArgumentValidationError'; Says = 'minimum' }
        @{ Parameter = 'RemotePort'; Value = 65536; Id = 'ParameterArgumentValidationError'; Says = '65535' }
        @{ Parameter = 'LocalPort'; Value = 'http'; Id = 'CannotConvertArgumentNoMessage'; Says = 'Int32' }
    ) {
        $arguments = @{ $Parameter = $Value }
        $err = Get-ErrorFrom { Get-NetConnectionEx @arguments }
        $err.FullyQualifiedErrorId | Should -Be "$Id,$cmd"
        $err.Exception.Message | Should -Match ([regex]::Escape("$Value"))
        $err.Exception.Message | Should -Match $Says
    }
}

Describe 'Get-NetConnectionEx -ProcessId and pipeline input' {
    It 'takes one id and an array of ids' {
        Skip-TestUnless $platform.OwnersVisible $noOwners
        (Get-NetConnectionEx -ProcessId $platform.OwnPid -State Listen).LocalPort | Should -Contain $probe.ListenPort
        (Get-NetConnectionEx -ProcessId $platform.OwnPid, 999999 -State Listen).LocalPort | Should -Contain $probe.ListenPort
        Get-NetConnectionEx -ProcessId 999999 -LocalPort $probe.ListenPort | Should -BeNullOrEmpty
    }

    It 'binds Id from Get-Process on the pipeline' {
        Skip-TestUnless $platform.OwnersVisible 'Skipped under Wine: owner PIDs are 0 there, so Get-Process''s real PID owns no socket'
        $rows = Get-Process -Id $PID | Get-NetConnectionEx
        $rows.LocalPort | Should -Contain $probe.ListenPort
        $rows.LocalPort | Should -Contain $probe.UdpPort
        $rows.LocalPort | Should -Contain $probe.Listen6Port
        ($rows.ProcessId | Select-Object -Unique) | Should -Be $PID
    }

    It 'binds OwningProcess from objects shaped like Get-NetTCPConnection output' {
        Skip-TestUnless $platform.OwnersVisible $noOwners
        $shaped = [pscustomobject]@{ LocalAddress = '127.0.0.1'; LocalPort = 1; OwningProcess = $platform.OwnPid; State = 'Listen' }
        ($shaped | Get-NetConnectionEx).LocalPort | Should -Contain $probe.ListenPort
    }

    It 'binds Id from two piped objects and reads the kernel once for both' {
        Skip-TestUnless $platform.OwnersVisible $noOwners
        $rows = [pscustomobject]@{ Id = 999999 }, [pscustomobject]@{ Id = $platform.OwnPid } | Get-NetConnectionEx -State Listen
        $rows.LocalPort | Should -Contain $probe.ListenPort
        @($rows | Where-Object LocalPort -eq $probe.ListenPort) | Should -HaveCount 1
    }

    It 'binds ProcessId from its own output' {
        Skip-TestUnless $platform.OwnersVisible $noOwners
        $rows = Get-NetConnectionEx -LocalPort $probe.ListenPort -State Listen | Get-NetConnectionEx
        $rows.LocalPort | Should -Contain $probe.UdpPort
    }

    It 'passes rows without a visible owner without an error, and selects nothing for them' {
        $unowned = [pscustomobject]@{ ProcessId = $null; LocalPort = 1 }
        $rows = $unowned, $unowned | Get-NetConnectionEx -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $rows | Should -BeNullOrEmpty
    }

    It 'a whole table piped back in gives no error per unowned row' {
        $null = Get-NetConnectionEx -State Listen | Get-NetConnectionEx -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
    }

    It 'writes nothing when the pipeline before it produced nothing' {
        @(Get-Process -Name 'nsps-no-such-process' -ErrorAction SilentlyContinue | Get-NetConnectionEx) | Should -HaveCount 0
    }

    It '-ProcessId <Value> is refused with <Id>' -TestCases @(
        @{ Value = -1; Id = 'ParameterArgumentValidationError'; Says = "'-1' is not a process id" }
        @{ Value = 'abc'; Id = 'CannotConvertArgumentNoMessage'; Says = 'abc' }
        @{ Value = $null; Id = 'ProcessIdNullOrEmpty'; Says = 'null or empty' }
    ) {
        $err = Get-ErrorFrom { Get-NetConnectionEx -ProcessId $Value }
        $err.FullyQualifiedErrorId | Should -Be "$Id,$cmd"
        $err.Exception.Message | Should -Match $Says
    }
}

Describe 'Get-NetConnectionEx -ProcessName' {
    # Under Wine every owner PID is 0, so no socket carries this process's name: each test says so.
    BeforeAll {
        $script:name = (Get-Process -Id $PID).ProcessName
        $script:noNames = 'Wine 8 reports owner PID 0 for every socket, so no socket carries this process''s name'
    }

    It 'selects by the exact name, case-insensitively' {
        Skip-TestUnless $platform.OwnersVisible $noNames
        (Get-NetConnectionEx -ProcessName $name -LocalPort $probe.ListenPort -State Listen).LocalPort | Should -Be $probe.ListenPort
        (Get-NetConnectionEx -ProcessName $name.ToUpperInvariant() -LocalPort $probe.ListenPort -State Listen).LocalPort | Should -Be $probe.ListenPort
    }

    It 'selects by a wildcard: <Pattern>' -TestCases @(
        @{ Pattern = 'PREFIX*' }
        @{ Pattern = '*SUFFIX' }
        @{ Pattern = 'PREFIX?*' }
    ) {
        Skip-TestUnless $platform.OwnersVisible $noNames
        $p = $Pattern.Replace('PREFIX', $name.Substring(0, 2)).Replace('SUFFIX', $name.Substring($name.Length - 2))
        (Get-NetConnectionEx -ProcessName $p -LocalPort $probe.ListenPort -State Listen).LocalPort | Should -Be $probe.ListenPort
    }

    It 'takes an array of names and patterns' {
        Skip-TestUnless $platform.OwnersVisible $noNames
        (Get-NetConnectionEx -ProcessName 'nsps-none', "$($name.Substring(0, 1))*" -LocalPort $probe.ListenPort -State Listen).LocalPort | Should -Be $probe.ListenPort
    }

    It 'returns nothing, and no error, for a name nothing has' {
        Get-NetConnectionEx -ProcessName 'nsps-no-such-*' -ErrorVariable errs | Should -BeNullOrEmpty
        Get-NetConnectionEx -ProcessName 'nsps-no-such' -ErrorVariable errs2 | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
        $errs2 | Should -BeNullOrEmpty
    }

    It 'completes running process names' {
        Get-CompletionText "Get-NetConnectionEx -ProcessName $($name.Substring(0, 2))" | Should -Contain $name
        Get-CompletionText 'Get-NetConnectionEx -ProcessName nsps-no-such' | Should -BeNullOrEmpty
    }
}

Describe 'Get-NetConnectionEx switches' {
    It '-NoProcessInfo leaves every owner $null' {
        $row = Get-NetConnectionEx -NoProcessInfo -LocalPort $probe.ListenPort -State Listen
        $row | Should -HaveCount 1
        $row.ProcessId | Should -BeNullOrEmpty
        $row.ProcessName | Should -BeNullOrEmpty
    }

    It '-IncludeTcpInfo adds TCP internals on Linux and warns once on Windows' {
        $row = Get-NetConnectionEx -State Established -LocalPort $probe.ClientPort -IncludeTcpInfo -WarningVariable warnings -WarningAction SilentlyContinue
        $row | Should -HaveCount 1
        if ($platform.IsLinux) {
            $row.TcpInfo.MaxSegmentSize | Should -BeGreaterThan 0
            $row.TcpInfo.RoundTripTimeMs | Should -Not -BeNullOrEmpty
            $warnings | Should -BeNullOrEmpty
        }
        else {
            # Collecting per-connection statistics on Windows would change system state (it switches
            # estats collection on), so TcpInfo stays $null and one warning says why.
            $row.TcpInfo | Should -BeNullOrEmpty
            $warnings | Should -HaveCount 1
        }
    }

    It '-IncludeSocketMemory adds ss -m''s skmem figures on Linux and warns once on Windows' {
        # A pair of its own whose server side leaves 3000 bytes unread: a known queued amount at rest.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $client = [System.Net.Sockets.TcpClient]::new([System.Net.Sockets.AddressFamily]::InterNetwork)
        $client.Connect([System.Net.IPAddress]::Loopback, $listener.LocalEndpoint.Port)
        $server = $listener.AcceptTcpClient()
        try {
            $client.GetStream().Write([byte[]]::new(3000), 0, 3000)
            $port = $listener.LocalEndpoint.Port
            $deadline = [DateTime]::UtcNow.AddSeconds(5)
            do { $row = Get-NetConnectionEx -State Established -LocalPort $port -IncludeSocketMemory -WarningVariable warnings -WarningAction SilentlyContinue }
            while ($platform.IsLinux -and $row.ReceiveQueue -ne 3000 -and [DateTime]::UtcNow -lt $deadline)
            $row | Should -HaveCount 1
            $row.PSObject.TypeNames[0] | Should -Be 'NetstatPS.Connection#SocketMemory'
            if ($platform.IsLinux) {
                $warnings | Should -BeNullOrEmpty
                $row.ReceiveQueue | Should -Be 3000
                $row.SocketMemory.ReceiveAllocation | Should -BeGreaterThan 3000
                # ss -m as the oracle: the same nine figures for this socket at rest.
                $ss = (& ss -tnmH state established "( sport = :$port )") -join ' '
                $ss -match 'skmem:\(r(\d+),rb(\d+),t(\d+),tb(\d+),f(\d+),w(\d+),o(\d+),bl(\d+),d(\d+)\)' | Should -BeTrue -Because "ss printed '$ss'"
                $m = $row.SocketMemory
                @($m.ReceiveAllocation, $m.ReceiveBuffer, $m.SendAllocation, $m.SendBuffer, $m.ForwardAllocation, $m.WriteQueued, $m.OptionMemory, $m.Backlog, $m.Drops) |
                    Should -Be @(1..9 | ForEach-Object { [long]$Matches[$_] })
                $listen = Get-NetConnectionEx -IncludeSocketMemory -State Listen -LocalPort $probe.ListenPort, $probe.UdpPort
                $listen | Should -HaveCount 2
                $listen | ForEach-Object { $_.SocketMemory.ReceiveBuffer | Should -BeGreaterThan 0 }
            }
            else {
                # Windows has no per-socket memory figures: $null and one warning saying so.
                $row.SocketMemory | Should -BeNullOrEmpty
                $warnings | Should -HaveCount 1
                "$warnings" | Should -Match 'Windows'
            }
        }
        finally {
            $client.Dispose(); $server.Dispose(); $listener.Stop()
        }
    }

    It '-IncludeSocketMemory fills Unix sockets too (ss -xm)' {
        Skip-TestUnless $platform.IsLinux 'Windows has no Unix socket table (-Protocol Unix is refused there)'
        $rows = @(Get-NetConnectionEx -Protocol Unix -IncludeSocketMemory -WarningVariable warnings)
        $rows | Should -Not -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
        $rows | ForEach-Object { $_.SocketMemory.ReceiveBuffer | Should -BeGreaterThan 0 }
    }

    It 'without -IncludeSocketMemory SocketMemory is $null and the plain view is used' {
        $row = Get-NetConnectionEx -State Listen -LocalPort $probe.ListenPort
        $row.SocketMemory | Should -BeNullOrEmpty
        $row.PSObject.TypeNames | Should -Not -Contain 'NetstatPS.Connection#SocketMemory'
    }

    It 'with -IncludeTcpInfo and -IncludeSocketMemory the TcpInfo view comes first and the SocketMemory view stays selectable' {
        $row = Get-NetConnectionEx -State Listen -LocalPort $probe.ListenPort -IncludeTcpInfo -IncludeSocketMemory -WarningAction SilentlyContinue
        $row.PSObject.TypeNames[0] | Should -Be 'NetstatPS.Connection#TcpInfo'
        $row.PSObject.TypeNames[1] | Should -Be 'NetstatPS.Connection#SocketMemory'
        ($row | Format-Table -View SocketMemory | Out-String -Width 80) | Should -Match 'RcvAlloc\s+RcvBuf\s+SndAlloc\s+SndBuf\s+Drops'
        $sampled = Get-NetConnectionEx -State Listen -LocalPort $probe.ListenPort -IncludeSocketMemory -Interval 0.1 -Count 1 -WarningAction SilentlyContinue
        $sampled.PSObject.TypeNames[0] | Should -Be 'NetstatPS.Connection#SocketMemorySampled'
    }

    It 'SocketMemory arrives as data after a remoting round trip' {
        Skip-TestUnless $platform.IsLinux 'Windows leaves SocketMemory $null'
        $row = Get-NetConnectionEx -State Listen -LocalPort $probe.ListenPort -IncludeSocketMemory
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($row))
        $copy.PSObject.TypeNames[0] | Should -Be 'Deserialized.NetstatPS.Connection#SocketMemory'
        $copy.SocketMemory.ReceiveBuffer | Should -Be $row.SocketMemory.ReceiveBuffer
        $copy.SocketMemory.Drops | Should -Be 0
    }

    It '-ResolveHostName names the loopback ends' {
        $row = Get-NetConnectionEx -ResolveHostName -State Established -LocalPort $probe.ClientPort
        $row.RemoteHostName | Should -Not -BeNullOrEmpty
        $row.LocalHostName | Should -Not -BeNullOrEmpty
        (Get-NetConnectionEx -State Established -LocalPort $probe.ClientPort).RemoteHostName | Should -BeNullOrEmpty
    }
}

Describe 'Get-NetConnectionEx -Interval, -Count and -Watch' {
    It 'takes -Count samples every -Interval seconds' {
        $rows = Get-NetConnectionEx -Interval 0.2 -Count 2 -LocalPort $probe.ListenPort -State Listen
        $rows | Should -HaveCount 2
    }

    It 'watches for sockets that appear and disappear with -Watch' {
        # A second runspace in this process opens a listener 1 s into the watch and closes it 2 s
        # later, while -Watch samples every 0.5 s for 6 s. (A job would need a new process, whose
        # start-up time on a loaded machine can swallow the whole window.)
        $shared = [hashtable]::Synchronized(@{})
        $side = [powershell]::Create()
        $null = $side.AddScript({
                param($shared)
                Start-Sleep -Milliseconds 1000
                $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
                $l.Start()
                $shared.Port = $l.LocalEndpoint.Port
                Start-Sleep -Milliseconds 2000
                $l.Stop()
                $shared.Stopped = $true
            }).AddArgument($shared)
        $async = $side.BeginInvoke()
        try {
            $changes = Get-NetConnectionEx -Watch -Interval 0.5 -Count 12 -Protocol Tcp -State Listen -LocalAddress 127.0.0.1
            $null = $side.EndInvoke($async)
            $shared.Stopped | Should -BeTrue
            $mine = @($changes | Where-Object { $_.Connection.LocalPort -eq $shared.Port })
            @($mine | Where-Object ChangeType -eq 'Added') | Should -HaveCount 1
            @($mine | Where-Object ChangeType -eq 'Removed') | Should -HaveCount 1
            $mine[0].PSObject.TypeNames | Should -Contain 'NetstatPS.ConnectionChange'
            $mine[0].Change | Should -Be 'Added'
            # The probe's listener existed before the baseline: no change for it.
            @($changes | Where-Object { $_.Connection.LocalPort -eq $probe.ListenPort }) | Should -HaveCount 0
        }
        finally {
            $side.Dispose()
        }
    }

    It '-<Parameter> <Value> is refused with <Id>' -TestCases @(
        @{ Parameter = 'Interval'; Value = 0; Id = 'ParameterArgumentValidationError'; Says = '0\.1' }
        @{ Parameter = 'Interval'; Value = -5; Id = 'ParameterArgumentValidationError'; Says = '0\.1' }
        @{ Parameter = 'Interval'; Value = 86401; Id = 'ParameterArgumentValidationError'; Says = '86400' }
        @{ Parameter = 'Interval'; Value = 'soon'; Id = 'CannotConvertArgumentNoMessage'; Says = 'soon' }
        @{ Parameter = 'Count'; Value = 0; Id = 'ParameterArgumentValidationError'; Says = 'minimum' }
    ) {
        $arguments = @{ $Parameter = $Value }
        $err = Get-ErrorFrom { Get-NetConnectionEx @arguments }
        $err.FullyQualifiedErrorId | Should -Be "$Id,$cmd"
        $err.Exception.Message | Should -Match $Says
    }

    It 'refuses -Count without -Interval, saying what to add' {
        $err = Get-ErrorFrom { Get-NetConnectionEx -Count 3 }
        $err.FullyQualifiedErrorId | Should -Be "CountWithoutInterval,$cmd"
        $err.Exception.Message | Should -Match '-Interval'
    }
}
