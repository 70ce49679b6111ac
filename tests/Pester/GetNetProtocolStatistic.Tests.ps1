#Requires -Version 5.1
# Pester 5 tests for Get-NetProtocolStatistic on the machine's real counters.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/NetstatPS/NetstatPS.psd1') -Force
}

Describe 'Get-NetProtocolStatistic' {
    It 'returns typed objects for every protocol netstat -s shows' {
        $all = Get-NetProtocolStatistic
        $all.Protocol | Should -Contain 'IPv4'
        $all.Protocol | Should -Contain 'ICMPv4'
        ($all | Where-Object { $_ -is [NetstatPS.TcpStatistic] }) | Should -Not -BeNullOrEmpty
        ($all | Where-Object { $_ -is [NetstatPS.UdpStatistic] }) | Should -Not -BeNullOrEmpty
    }

    It 'never shows one set of TCP counters twice' {
        $tcp = Get-NetProtocolStatistic -Protocol TCP, TCPv6
        $tcp.Protocol | Select-Object -Unique | Should -HaveCount @($tcp).Count
        if ($IsLinux) {
            $tcp | Should -HaveCount 1
            $tcp.AddressFamily | Should -BeNullOrEmpty
            $tcp.Note | Should -Match 'IPv6'
        }
    }

    It 'counts the connection this test makes' {
        $before = Get-NetProtocolStatistic -Protocol TCP | Select-Object -First 1
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $client = [System.Net.Sockets.TcpClient]::new()
        try {
            $client.Connect([System.Net.IPAddress]::Loopback, $listener.LocalEndpoint.Port)
            $after = Get-NetProtocolStatistic -Protocol TCP | Select-Object -First 1
            $after.ActiveOpens | Should -BeGreaterThan $before.ActiveOpens
        }
        finally {
            $client.Dispose()
            $listener.Stop()
        }
    }

    It 'keeps every raw counter in Counters' {
        $tcp = Get-NetProtocolStatistic -Protocol TCP | Select-Object -First 1
        $tcp.Counters.Count | Should -BeGreaterThan 5
    }

    It 'gives per-second rates with -Interval' {
        $samples = Get-NetProtocolStatistic -Protocol TCP -Interval 0.5 -Count 2
        $second = $samples | Select-Object -Last 1
        $second.PerSecond['SegmentsSent'] | Should -BeGreaterOrEqual 0
        $second.Delta['ActiveOpens'] | Should -BeGreaterOrEqual 0
    }

    It 'rejects an unknown protocol, naming the allowed ones' {
        $err = { Get-NetProtocolStatistic -Protocol SCTP } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
        $err.Exception.Message | Should -Match 'SCTP'
        $err.Exception.Message | Should -Match 'ICMPv6'
    }

    It 'reads like netstat -s' {
        $text = Get-NetProtocolStatistic -Protocol TCP | Out-String
        $text | Should -Match 'ActiveOpens'
        $text | Should -Match 'SegmentsRetransmitted'
    }
}
