#Requires -Version 5.1
# Pester 5 contract of Get-NetProtocolStatistic on the machine's real counters.

BeforeDiscovery {
    # The -TestCases below are built while Pester discovers the tests, before BeforeAll runs.
    $names = @('IP', 'IPv4', 'IPv6', 'ICMP', 'ICMPv4', 'ICMPv6', 'TCP', 'TCPv4', 'TCPv6', 'UDP', 'UDPv4', 'UDPv6', 'UDPLite', 'UDPLitev4', 'UDPLitev6')
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
    Import-Module (Get-NetstatPSTestManifest) -Force
    $script:platform = Get-NetstatPSTestPlatform
    $script:cmd = 'NetstatPS.Commands.GetNetProtocolStatisticCommand'
    $script:names = @('IP', 'IPv4', 'IPv6', 'ICMP', 'ICMPv4', 'ICMPv6', 'TCP', 'TCPv4', 'TCPv6', 'UDP', 'UDPv4', 'UDPv6', 'UDPLite', 'UDPLitev4', 'UDPLitev6')

    # What each -Protocol name returns: Protocol property and type. Linux keeps one TCP counter set for
    # both families (one object, Protocol TCP, no AddressFamily); Windows splits TCP by family.
    $tcp4 = if ($platform.IsLinux) { 'TCP' } else { 'TCPv4' }
    $tcp6 = if ($platform.IsLinux) { 'TCP' } else { 'TCPv6' }
    $script:expected = @{
        IP = 'IPv4', 'IPStatistic'; IPv4 = 'IPv4', 'IPStatistic'; IPv6 = 'IPv6', 'IPStatistic'
        ICMP = 'ICMPv4', 'IcmpStatistic'; ICMPv4 = 'ICMPv4', 'IcmpStatistic'; ICMPv6 = 'ICMPv6', 'IcmpStatistic'
        TCP = $tcp4, 'TcpStatistic'; TCPv4 = $tcp4, 'TcpStatistic'; TCPv6 = $tcp6, 'TcpStatistic'
        UDP = 'UDPv4', 'UdpStatistic'; UDPv4 = 'UDPv4', 'UdpStatistic'; UDPv6 = 'UDPv6', 'UdpStatistic'
        UDPLite = 'UDPLitev4', 'UdpStatistic'; UDPLitev4 = 'UDPLitev4', 'UdpStatistic'; UDPLitev6 = 'UDPLitev6', 'UdpStatistic'
    }
}

Describe 'Get-NetProtocolStatistic rows' {
    It 'returns typed objects for every protocol netstat -s shows' {
        $all = Get-NetProtocolStatistic
        $all.Protocol | Should -Contain 'IPv4'
        $all.Protocol | Should -Contain 'IPv6'
        $all.Protocol | Should -Contain 'ICMPv4'
        $all.Protocol | Should -Contain 'ICMPv6'
        $all.Protocol | Should -Contain 'UDPv4'
        @($all | Where-Object { $_ -is [NetstatPS.TcpStatistic] }) | Should -Not -BeNullOrEmpty
        $all.Protocol | Select-Object -Unique | Should -HaveCount @($all).Count
    }

    It 'never shows one set of TCP counters twice' {
        $tcp = @(Get-NetProtocolStatistic -Protocol TCP, TCPv6)
        if ($platform.IsLinux) {
            $tcp | Should -HaveCount 1
            $tcp.AddressFamily | Should -BeNullOrEmpty
            $tcp.Note | Should -Match 'IPv6'
        }
        else {
            ($tcp.Protocol | Sort-Object) | Should -Be @('TCPv4', 'TCPv6')
        }
    }

    It 'counts the connection this test makes' {
        $before = Get-NetProtocolStatistic -Protocol TCP
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $client = [System.Net.Sockets.TcpClient]::new()
        try {
            $client.Connect([System.Net.IPAddress]::Loopback, $listener.LocalEndpoint.Port)
            $after = Get-NetProtocolStatistic -Protocol TCP
            $after.ActiveOpens | Should -BeGreaterThan $before.ActiveOpens
        }
        finally {
            $client.Dispose()
            $listener.Stop()
        }
    }

    It 'keeps every raw counter in Counters, case-insensitively' {
        $tcp = Get-NetProtocolStatistic -Protocol TCP
        $tcp.Counters.Count | Should -BeGreaterThan 5
        $key = @($tcp.Counters.Keys)[0]
        $tcp.Counters[$key.ToUpperInvariant()] | Should -Be $tcp.Counters[$key]
    }

    It 'reads like netstat -s' {
        $text = Get-NetProtocolStatistic -Protocol TCP | Out-String -Width 120
        $text | Should -Match 'ActiveOpens'
        $text | Should -Match 'SegmentsRetransmitted'
    }
}

Describe 'Get-NetProtocolStatistic -Protocol' {
    It '-Protocol <Name> returns its counters' -TestCases @($names | ForEach-Object { @{ Name = $_ } }) {
        $rows = @(Get-NetProtocolStatistic -Protocol $Name -ErrorVariable errs -ErrorAction SilentlyContinue)
        if ($platform.IsWindows -and $Name -like 'UDPLite*') {
            # Windows keeps no UDP-Lite counters: an explicit name that matches nothing is ObjectNotFound.
            $rows | Should -BeNullOrEmpty
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be "ObjectNotFound,$cmd"
            $errs[0].Exception.Message | Should -Match $Name
            return
        }
        $errs | Should -BeNullOrEmpty
        $rows | Should -HaveCount 1
        $rows[0].Protocol | Should -Be $expected[$Name][0]
        $rows[0].GetType().Name | Should -Be $expected[$Name][1]
    }

    It 'binds the first positional argument, case-insensitively' {
        (Get-NetProtocolStatistic icmpv6).Protocol | Should -Be 'ICMPv6'
    }

    It 'takes an array and returns each object once' {
        $rows = @(Get-NetProtocolStatistic -Protocol IP, IPv4, UDP, UDPv6)
        ($rows.Protocol | Sort-Object) | Should -Be @('IPv4', 'UDPv4', 'UDPv6')
    }

    It 'accepts StatisticProtocol values' {
        (Get-NetProtocolStatistic -Protocol ([NetstatPS.StatisticProtocol]::IPv6)).Protocol | Should -Be 'IPv6'
    }

    It 'rejects an unknown protocol, naming it and the allowed ones' {
        $err = Get-ErrorFrom { Get-NetProtocolStatistic -Protocol IP, SCTP }
        $err.FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,$cmd"
        $err.Exception.Message | Should -Match '"SCTP"'
        $err.Exception.Message | Should -Match 'ICMPv6'
        $err.Exception.Message | Should -Match 'UDPLitev6'
    }

    It 'completes every name exactly once' {
        $completions = Get-CompletionText 'Get-NetProtocolStatistic -Protocol '
        ($completions | Sort-Object) | Should -Be ($names | Sort-Object)
        ($completions | Select-Object -Unique) | Should -HaveCount $completions.Count
        (Get-CompletionText 'Get-NetProtocolStatistic -Protocol tc' | Sort-Object) | Should -Be @('TCP', 'TCPv4', 'TCPv6')
    }
}

Describe 'Get-NetProtocolStatistic -Interval and -Count' {
    It 'gives deltas and per-second rates after the first sample' {
        $samples = @(Get-NetProtocolStatistic -Protocol TCP -Interval 0.5 -Count 2)
        $samples | Should -HaveCount 2
        $samples[0].Delta | Should -BeNullOrEmpty
        $samples[1].Delta['ActiveOpens'] | Should -BeGreaterOrEqual 0
        $samples[1].PerSecond['SegmentsSent'] | Should -BeGreaterOrEqual 0
    }

    It '-<Parameter> <Value> is refused with <Id>' -TestCases @(
        @{ Parameter = 'Interval'; Value = 0.05; Id = 'ParameterArgumentValidationError' }
        @{ Parameter = 'Count'; Value = 0; Id = 'ParameterArgumentValidationError' }
        @{ Parameter = 'Count'; Value = 'many'; Id = 'CannotConvertArgumentNoMessage' }
    ) {
        $arguments = @{ $Parameter = $Value }
        $err = Get-ErrorFrom { Get-NetProtocolStatistic @arguments }
        $err.FullyQualifiedErrorId | Should -Be "$Id,$cmd"
        $err.Exception.Message | Should -Match ([regex]::Escape("$Value"))
    }

    It 'refuses -Count without -Interval' {
        (Get-ErrorFrom { Get-NetProtocolStatistic -Count 3 }).FullyQualifiedErrorId | Should -Be "CountWithoutInterval,$cmd"
    }
}
