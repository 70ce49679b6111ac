#Requires -Version 5.1
# Pester 5 tests for Get-NetInterfaceStatistic on the machine's real interfaces.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/NetstatPS/NetstatPS.psd1') -Force
    $script:loopback = Get-NetInterfaceStatistic | Where-Object Type -eq 'Loopback' | Select-Object -First 1
}

Describe 'Get-NetInterfaceStatistic' {
    It 'lists the loopback interface with counters' {
        $script:loopback | Should -Not -BeNullOrEmpty
        $script:loopback.PSObject.TypeNames | Should -Contain 'NetstatPS.InterfaceStatistic'
        $script:loopback.BytesReceived | Should -BeGreaterOrEqual 0
        if ($IsLinux) {
            $script:loopback.Mtu | Should -Be 65536
        }
        else {
            # Windows reports the loopback MTU as 0xFFFFFFFF ("no limit"), which NetstatPS shows as $null.
            $script:loopback.Mtu | Should -BeNullOrEmpty
        }
        $script:loopback.InterfaceAlias | Should -Be $script:loopback.Name
    }

    It 'selects by exact name and by wildcard' {
        (Get-NetInterfaceStatistic -Name $script:loopback.Name).Index | Should -Be $script:loopback.Index
        $pattern = $script:loopback.Name.Substring(0, 1) + '*'
        (Get-NetInterfaceStatistic -Name $pattern).Name | Should -Contain $script:loopback.Name
    }

    It 'binds Name from the pipeline by property name' {
        ([pscustomobject]@{ Name = $script:loopback.Name } | Get-NetInterfaceStatistic).Index | Should -Be $script:loopback.Index
    }

    It 'reports an explicit name that matches nothing as a non-terminating ObjectNotFound error' {
        $rows = Get-NetInterfaceStatistic -Name 'nsps-no-such-if', $script:loopback.Name -ErrorVariable errs -ErrorAction SilentlyContinue
        $rows.Name | Should -Be $script:loopback.Name
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ObjectNotFound,NetstatPS.Commands.GetNetInterfaceStatisticCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -Match 'nsps-no-such-if'
    }

    It 'a wildcard that matches nothing is not an error' {
        Get-NetInterfaceStatistic -Name 'nsps-none-*' -ErrorVariable errs | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
    }

    It 'samples with -Interval and gives deltas and rates after the first sample' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $samples = Get-NetInterfaceStatistic -Name $script:loopback.Name -Interval 0.5 -Count 2
            $samples | Should -HaveCount 2
            $samples[0].Delta | Should -BeNullOrEmpty
            $samples[1].IntervalSeconds | Should -BeGreaterThan 0.3
            $samples[1].Delta['BytesReceived'] | Should -BeGreaterOrEqual 0
            $samples[1].BytesReceivedPerSecond | Should -BeGreaterOrEqual 0
            $samples[1].Timestamp | Should -BeGreaterThan $samples[0].Timestamp
        }
        finally {
            $listener.Stop()
        }
    }

    It 'rejects a zero interval and -Count without -Interval' {
        { Get-NetInterfaceStatistic -Interval 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NetstatPS.Commands.GetNetInterfaceStatisticCommand'
        { Get-NetInterfaceStatistic -Count 3 } | Should -Throw -ErrorId 'CountWithoutInterval,NetstatPS.Commands.GetNetInterfaceStatisticCommand'
    }

    It 'reads like netstat -i' {
        $text = Get-NetInterfaceStatistic -Name $script:loopback.Name | Out-String
        $text | Should -Match 'Iface'
        $text | Should -Match 'RX-OK'
        $text | Should -Match 'TX-OK'
    }
}
