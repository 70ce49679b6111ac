#Requires -Version 5.1
# Pester 5 tests for Get-NetConnectionEx: real loopback sockets owned by this PowerShell process.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/NetstatPS/NetstatPS.psd1') -Force
    $script:self = Get-Process -Id $PID

    $script:listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $script:listener.Start()
    $script:port = $script:listener.LocalEndpoint.Port

    $script:client = [System.Net.Sockets.TcpClient]::new()
    $script:client.Connect([System.Net.IPAddress]::Loopback, $script:port)
    $script:accepted = $script:listener.AcceptTcpClient()
    $script:clientPort = $script:client.Client.LocalEndPoint.Port

    $script:udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
    $script:udpPort = $script:udp.Client.LocalEndPoint.Port
}

AfterAll {
    $script:client.Dispose()
    $script:accepted.Dispose()
    $script:listener.Stop()
    $script:udp.Dispose()
}

Describe 'Get-NetConnectionEx' {
    It 'finds the listener this test opened, owned by this process' {
        $row = Get-NetConnectionEx -Protocol Tcp -State Listen -LocalPort $script:port
        $row | Should -HaveCount 1
        $row.PSObject.TypeNames | Should -Contain 'NetstatPS.Connection'
        $row.LocalAddress | Should -Be '127.0.0.1'
        $row.AddressFamily | Should -Be 'IPv4'
        $row.ProcessId | Should -Be $PID
        $row.OwningProcess | Should -Be $PID
        $row.ProcessName | Should -Be $script:self.ProcessName
    }

    It 'finds both ends of the established pair' {
        $server = Get-NetConnectionEx -State Established -LocalPort $script:port -RemotePort $script:clientPort
        $client = Get-NetConnectionEx -State Established -LocalPort $script:clientPort -RemotePort $script:port
        $server | Should -HaveCount 1
        $client | Should -HaveCount 1
        $server.RemoteAddress | Should -Be '127.0.0.1'
        $client.ProcessId | Should -Be $PID
    }

    It 'shows an unconnected UDP endpoint as Listen, like ss -l' {
        $row = Get-NetConnectionEx -Protocol Udp -LocalPort $script:udpPort
        $row | Should -HaveCount 1
        $row.State | Should -Be 'Listen'
        $row.RemotePort | Should -Be 0
        @(Get-NetConnectionEx -State Listen -LocalPort $script:udpPort).Count | Should -Be 1
    }

    It 'binds Id from Get-Process on the pipeline' {
        $rows = Get-Process -Id $PID | Get-NetConnectionEx
        $rows.LocalPort | Should -Contain $script:port
        $rows.LocalPort | Should -Contain $script:udpPort
        ($rows.ProcessId | Select-Object -Unique) | Should -Be $PID
    }

    It 'filters by process name with wildcards' {
        $pattern = $script:self.ProcessName.Substring(0, 2) + '*'
        (Get-NetConnectionEx -ProcessName $pattern -LocalPort $script:port).LocalPort | Should -Be $script:port
        Get-NetConnectionEx -ProcessName 'no-such-process-*' | Should -BeNullOrEmpty
    }

    It 'filters by CIDR prefix' {
        (Get-NetConnectionEx -LocalAddress 127.0.0.0/8 -LocalPort $script:port).LocalPort | Should -Be $script:port
        Get-NetConnectionEx -LocalAddress 192.0.2.0/24 -LocalPort $script:port | Should -BeNullOrEmpty
    }

    It 'groups TCP and UDP together by process' {
        $group = Get-NetConnectionEx -State Listen | Group-Object ProcessName | Where-Object Name -eq $script:self.ProcessName
        $group.Group.Protocol | Should -Contain 'Tcp'
        $group.Group.Protocol | Should -Contain 'Udp'
    }

    It 'gives flat text addresses in JSON and CSV' {
        $row = Get-NetConnectionEx -State Listen -LocalPort $script:port
        $json = $row | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.LocalAddress | Should -Be '127.0.0.1'
        $csv = $row | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $csv.LocalAddress | Should -Be '127.0.0.1'
        $csv.LocalPort | Should -Be "$($script:port)"
    }

    It 'reads like netstat -ano by default' {
        $text = Get-NetConnectionEx -State Listen -LocalPort $script:port | Out-String
        $text | Should -Match 'Proto'
        $text | Should -Match 'Local Address'
        $text | Should -Match "127\.0\.0\.1:$($script:port)"
        $text | Should -Match "$PID"
    }

    It 'keeps its view and aliases after a remoting round trip' {
        $row = Get-NetConnectionEx -State Listen -LocalPort $script:port
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($row))
        $copy.PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.Connection'
        $copy.LocalAddress | Should -Be '127.0.0.1'
        $copy.OwningProcess | Should -Be $PID
        ($copy | Out-String) | Should -Match 'Local Address'
    }

    It 'adds TCP internals with -IncludeTcpInfo' {
        $row = Get-NetConnectionEx -State Established -LocalPort $script:clientPort -IncludeTcpInfo
        if ($IsLinux) {
            $row.TcpInfo | Should -Not -BeNullOrEmpty
            $row.TcpInfo.MaxSegmentSize | Should -BeGreaterThan 0
        }
        else {
            # Windows: collecting per-connection statistics would change system state, so TcpInfo stays
            # $null and one warning says why; never a failure.
            $row = Get-NetConnectionEx -State Established -LocalPort $script:clientPort -IncludeTcpInfo -WarningVariable warnings -WarningAction SilentlyContinue
            $row | Should -HaveCount 1
            $row.TcpInfo | Should -BeNullOrEmpty
            $warnings | Should -HaveCount 1
        }
    }

    It 'watches for sockets that appear and disappear with -Watch' {
        $job = Start-Job {
            Start-Sleep -Milliseconds 1500
            $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $l.Start()
            $l.LocalEndpoint.Port
            Start-Sleep -Seconds 3
            $l.Stop()
            Start-Sleep -Seconds 30
        }
        try {
            $changes = Get-NetConnectionEx -Watch -Interval 1 -Count 12 -Protocol Tcp -State Listen -LocalAddress 127.0.0.1
            $port = Receive-Job $job -Wait:$false | Select-Object -First 1
            $port | Should -Not -BeNullOrEmpty
            $mine = $changes | Where-Object LocalPort -eq $port
            ($mine | Where-Object ChangeType -eq 'Added') | Should -HaveCount 1
            ($mine | Where-Object ChangeType -eq 'Removed') | Should -HaveCount 1
            $mine[0].PSObject.TypeNames | Should -Contain 'NetstatPS.ConnectionChange'
        }
        finally {
            $job | Remove-Job -Force
        }
    }

    Context 'bad input' {
        It 'rejects a port outside 0-65535 at binding time' {
            { Get-NetConnectionEx -LocalPort 70000 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NetstatPS.Commands.GetNetConnectionExCommand'
        }

        It 'rejects an unknown state, naming it and the allowed ones' {
            $err = { Get-NetConnectionEx -State Listening } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
            $err.Exception.Message | Should -Match 'Listening'
            $err.Exception.Message | Should -Match 'Established'
        }

        It 'rejects a malformed address, naming it' {
            $err = { Get-NetConnectionEx -LocalAddress 10.0.0.300 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NetstatPS.Commands.GetNetConnectionExCommand' -PassThru
            $err.Exception.Message | Should -Match '10\.0\.0\.300'
            $err.Exception.Message | Should -Match 'CIDR'
        }

        It 'rejects a prefix length past the family size' {
            { Get-NetConnectionEx -RemoteAddress 10.0.0.0/33 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NetstatPS.Commands.GetNetConnectionExCommand'
        }
    }
}
