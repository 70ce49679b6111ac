#Requires -Version 5.1
# Pester 5 contract of Get-NetInterfaceStatistic on the machine's real interfaces.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
    Import-Module (Get-NetstatPSTestManifest) -Force
    $script:platform = Get-NetstatPSTestPlatform
    $script:cmd = 'NetstatPS.Commands.GetNetInterfaceStatisticCommand'
    $script:all = @(Get-NetInterfaceStatistic)
    $script:loopback = $all | Where-Object Type -eq 'Loopback' | Select-Object -First 1
    $script:other = $all | Where-Object Name -ne $loopback.Name | Select-Object -First 1
}

Describe 'Get-NetInterfaceStatistic rows' {
    It 'lists the loopback interface with counters' {
        $loopback | Should -Not -BeNullOrEmpty
        $loopback.PSObject.TypeNames | Should -Contain 'NetstatPS.InterfaceStatistic'
        $loopback.BytesReceived | Should -BeGreaterOrEqual 0
        $loopback.InterfaceAlias | Should -Be $loopback.Name
        $loopback.ifIndex | Should -Be $loopback.Index
    }

    It 'gives the loopback MTU the OS reports' {
        if ($platform.IsLinux -or $platform.UnderWine) {
            # Wine 8 reports Linux's loopback MTU.
            $loopback.Mtu | Should -Be 65536
        }
        else {
            # Windows reports the loopback MTU as 0xFFFFFFFF ("no limit"), which NetstatPS shows as $null.
            $loopback.Mtu | Should -BeNullOrEmpty
        }
    }

    It 'lists the same interfaces as ip link' {
        Skip-TestUnless $platform.IsLinux 'Linux only: the oracle is iproute2'
        $expected = @(& ip -j link show | ConvertFrom-Json | ForEach-Object ifname) | Sort-Object
        ($all.Name | Sort-Object) | Should -Be $expected
    }

    It 'reads like netstat -i' {
        $text = Get-NetInterfaceStatistic -Name $loopback.Name | Out-String -Width 120
        $text | Should -Match 'Iface'
        $text | Should -Match 'RX-OK'
        $text | Should -Match 'TX-OK'
        $text | Should -Match ([regex]::Escape($loopback.Name))
    }
}

Describe 'Get-NetInterfaceStatistic -Name' {
    It 'binds the first positional argument' {
        (Get-NetInterfaceStatistic $loopback.Name).Index | Should -Be $loopback.Index
    }

    It 'matches names case-insensitively' {
        (Get-NetInterfaceStatistic -Name $loopback.Name.ToUpperInvariant()).Index | Should -Be $loopback.Index
    }

    It 'takes wildcards' {
        $pattern = $loopback.Name.Substring(0, 1) + '*'
        (Get-NetInterfaceStatistic -Name $pattern).Name | Should -Contain $loopback.Name
        (Get-NetInterfaceStatistic -Name '*').Count | Should -Be $all.Count
    }

    It 'takes an array, each interface once' {
        $rows = @(Get-NetInterfaceStatistic -Name $loopback.Name, $other.Name, $loopback.Name)
        ($rows.Name | Sort-Object) | Should -Be (@($loopback.Name, $other.Name) | Sort-Object)
    }

    It 'reports an explicit name that matches nothing as a non-terminating ObjectNotFound error' {
        $rows = Get-NetInterfaceStatistic -Name 'nsps-no-such-if', $loopback.Name -ErrorVariable errs -ErrorAction SilentlyContinue
        $rows.Name | Should -Be $loopback.Name
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be "ObjectNotFound,$cmd"
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'nsps-no-such-if'
        $errs[0].Exception.Message | Should -Match 'nsps-no-such-if'
    }

    It 'a wildcard that matches nothing is not an error' {
        Get-NetInterfaceStatistic -Name 'nsps-none-*' -ErrorVariable errs | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
    }

    It 'refuses an empty name' {
        (Get-ErrorFrom { Get-NetInterfaceStatistic -Name '' }).FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,$cmd"
    }

    It 'completes interface names' {
        $completions = Get-CompletionText 'Get-NetInterfaceStatistic -Name '
        foreach ($i in $all) { $completions | Should -Contain $i.Name }
        Get-CompletionText "Get-NetInterfaceStatistic $($loopback.Name.Substring(0, 1))" | Should -Contain $loopback.Name
    }
}

Describe 'Get-NetInterfaceStatistic pipeline input' {
    It 'binds <Property> by property name' -TestCases @(
        @{ Property = 'Name' }
        @{ Property = 'InterfaceAlias' }
        @{ Property = 'InterfaceName' }
    ) {
        ([pscustomobject]@{ $Property = $loopback.Name } | Get-NetInterfaceStatistic).Index | Should -Be $loopback.Index
    }

    It 'binds from Get-NetRouteTable output' {
        $route = Get-NetRouteTable | Where-Object InterfaceName | Select-Object -First 1
        ($route | Get-NetInterfaceStatistic).Name | Should -Be $route.InterfaceName
    }

    It 'binds from its own output and reads the OS once for all piped names' {
        $rows = @($all | Get-NetInterfaceStatistic)
        $rows.Count | Should -Be $all.Count
        ($rows.Timestamp | Select-Object -Unique) | Should -HaveCount 1
    }

    It 'writes nothing when the pipeline before it produced nothing' {
        @(@() | Get-NetInterfaceStatistic) | Should -HaveCount 0
    }
}

Describe 'Get-NetInterfaceStatistic -Interval and -Count' {
    It 'samples with -Interval and gives deltas and rates after the first sample' {
        $samples = Get-NetInterfaceStatistic -Name $loopback.Name -Interval 0.5 -Count 2
        $samples | Should -HaveCount 2
        $samples[0].Delta | Should -BeNullOrEmpty
        $samples[1].IntervalSeconds | Should -BeGreaterThan 0.3
        $samples[1].Delta['BytesReceived'] | Should -BeGreaterOrEqual 0
        $samples[1].BytesReceivedPerSecond | Should -BeGreaterOrEqual 0
        $samples[1].Timestamp | Should -BeGreaterThan $samples[0].Timestamp
    }

    It '-<Parameter> <Value> is refused with <Id>' -TestCases @(
        @{ Parameter = 'Interval'; Value = 0; Id = 'ParameterArgumentValidationError' }
        @{ Parameter = 'Interval'; Value = 'x'; Id = 'CannotConvertArgumentNoMessage' }
        @{ Parameter = 'Count'; Value = -1; Id = 'ParameterArgumentValidationError' }
    ) {
        $arguments = @{ $Parameter = $Value }
        $err = Get-ErrorFrom { Get-NetInterfaceStatistic @arguments }
        $err.FullyQualifiedErrorId | Should -Be "$Id,$cmd"
        $err.Exception.Message | Should -Match ([regex]::Escape("$Value"))
    }

    It 'refuses -Count without -Interval' {
        (Get-ErrorFrom { Get-NetInterfaceStatistic -Count 3 }).FullyQualifiedErrorId | Should -Be "CountWithoutInterval,$cmd"
    }
}
