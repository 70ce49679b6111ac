#Requires -Version 5.1
# Pester 5 contract of Get-NetRouteTable on the machine's real routing table (read only). On Linux,
# `ip -j route` is the oracle; on the Windows code path the runner's network namespace holds a veth
# with an IPv4 address and a default route (Wine 8 reports no loopback and no IPv6 routes).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
    Import-Module (Get-NetstatPSTestManifest) -Force
    $script:platform = Get-NetstatPSTestPlatform
    $script:cmd = 'NetstatPS.Commands.GetNetRouteTableCommand'
    $script:routes = @(Get-NetRouteTable)
    $script:v4 = @($routes | Where-Object AddressFamily -eq 'IPv4')
    $script:withInterface = $routes | Where-Object InterfaceName | Select-Object -First 1
}

Describe 'Get-NetRouteTable rows' {
    It 'returns Route objects with prefixes, families and interfaces' {
        $routes | Should -Not -BeNullOrEmpty
        $v4 | Should -Not -BeNullOrEmpty
        foreach ($r in $routes) {
            $r.PSObject.TypeNames | Should -Contain 'NetstatPS.Route'
            $r.DestinationPrefix | Should -Be "$($r.Destination)/$($r.PrefixLength)"
            $r.AddressFamily | Should -BeIn @('IPv4', 'IPv6')
        }
    }

    It 'lists the same IPv4 main-table destinations as ip route' {
        Skip-TestUnless $platform.IsLinux 'Linux only: the oracle is iproute2'
        $expected = @(& ip -j -4 route show table main | ConvertFrom-Json | ForEach-Object {
                if ($_.dst -eq 'default') { '0.0.0.0/0' } elseif ($_.dst -notmatch '/') { "$($_.dst)/32" } else { $_.dst }
            }) | Sort-Object -Unique
        ($v4.DestinationPrefix | Sort-Object -Unique) | Should -Be $expected
    }

    It 'gives netmasks for IPv4 only, and the Gateway alias' {
        foreach ($r in $v4) {
            $r.Netmask | Should -Match '^\d+\.\d+\.\d+\.\d+$'
            $r.Gateway | Should -Be $r.NextHop
        }
        $routes | Where-Object AddressFamily -eq 'IPv6' | ForEach-Object { $_.Netmask | Should -BeNullOrEmpty }
    }

    It 'reads like route print' {
        $text = Get-NetRouteTable | Out-String -Width 120
        $text | Should -Match 'Destination'
        $text | Should -Match 'Gateway'
        $text | Should -Match ([regex]::Escape($v4[0].Destination))
    }
}

Describe 'Get-NetRouteTable -AddressFamily' {
    It 'selects <Value> only' -TestCases @(
        @{ Value = 'IPv4' }
        @{ Value = 'IPv6' }
    ) {
        $rows = @(Get-NetRouteTable -AddressFamily $Value)
        $rows | ForEach-Object { $_.AddressFamily | Should -Be $Value }
        $rows.Count | Should -Be @($routes | Where-Object AddressFamily -eq $Value).Count
    }

    It 'takes both families' {
        @(Get-NetRouteTable -AddressFamily IPv4, IPv6).Count | Should -Be $routes.Count
    }

    It 'rejects IPv5, naming the allowed families' {
        $err = Get-ErrorFrom { Get-NetRouteTable -AddressFamily IPv5 }
        $err.FullyQualifiedErrorId | Should -Be "CannotConvertArgumentNoMessage,$cmd"
        $err.Exception.Message | Should -Match 'IPv5'
        $err.Exception.Message | Should -Match 'IPv4, IPv6'
    }
}

Describe 'Get-NetRouteTable -Table' {
    It 'main is the default' {
        @(Get-NetRouteTable -Table main).Count | Should -Be $routes.Count
    }

    It 'all holds every main route' {
        $all = @(Get-NetRouteTable -Table all)
        $all.Count | Should -BeGreaterOrEqual $routes.Count
        foreach ($r in $routes) { $all.DestinationPrefix | Should -Contain $r.DestinationPrefix }
    }

    It 'reads the local table by name and by number, and two tables at once' {
        Skip-TestUnless $platform.IsLinux 'Linux only: Windows has one routing table (see the next test)'
        $local = @(Get-NetRouteTable -Table local -AddressFamily IPv4)
        $local.DestinationPrefix | Should -Contain '127.0.0.1/32'
        $local | ForEach-Object { $_.TableName | Should -Be 'local' }
        @(Get-NetRouteTable -Table 255 -AddressFamily IPv4).Count | Should -Be $local.Count
        @(Get-NetRouteTable -Table 254).Count | Should -Be $routes.Count
        @(Get-NetRouteTable -Table main, local -AddressFamily IPv4).Count | Should -Be ($local.Count + $v4.Count)
    }

    It 'refuses a Linux-only table on Windows, naming it' {
        Skip-TestUnless $platform.IsWindows 'Windows only: Linux has the local table'
        $err = Get-ErrorFrom { Get-NetRouteTable -Table local }
        $err.FullyQualifiedErrorId | Should -Be "NotSupportedOnThisOS,$cmd"
        $err.Exception.Message | Should -Match "'local'"
        $err.Exception.Message | Should -Match 'main or all'
    }

    It '-Table <Value> is refused, naming it and what is allowed' -TestCases @(
        @{ Value = 'sideways' }
        @{ Value = '-1' }
        @{ Value = '4294967296' }
    ) {
        $err = Get-ErrorFrom { Get-NetRouteTable -Table main, $Value }
        $err.FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,$cmd"
        $err.Exception.Message | Should -Match ([regex]::Escape("'$Value'"))
        $err.Exception.Message | Should -Match 'main, local, default, all'
        $err.Exception.Message | Should -Not -Match 'System\.String'
    }

    It 'completes the table names' {
        Get-CompletionText 'Get-NetRouteTable -Table ' | Should -Be @('main', 'local', 'default', 'all')
        Get-CompletionText 'Get-NetRouteTable -Table a' | Should -Be @('all')
    }
}

Describe 'Get-NetRouteTable -DestinationPrefix' {
    It 'binds the first positional argument, exactly' {
        $prefix = $v4[0].DestinationPrefix
        $rows = Get-NetRouteTable $prefix
        $rows | Should -Not -BeNullOrEmpty
        $rows | ForEach-Object { $_.DestinationPrefix | Should -Be $prefix }
    }

    It 'takes wildcards and arrays' {
        $first = $v4[0].Destination.Split('.')[0]
        $rows = @(Get-NetRouteTable -DestinationPrefix "$first.*", 'nsps-none')
        $rows.Count | Should -Be @($v4 | Where-Object Destination -like "$first.*").Count
    }

    It 'returns nothing, and no error, for a prefix no route has' {
        Get-NetRouteTable -DestinationPrefix '203.0.113.0/24' -ErrorVariable errs | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
    }
}

Describe 'Get-NetRouteTable -InterfaceName' {
    It 'selects the routes of one interface, exactly and by wildcard' {
        $name = $withInterface.InterfaceName
        $exact = @(Get-NetRouteTable -InterfaceName $name)
        $exact | ForEach-Object { $_.InterfaceName | Should -Be $name }
        $exact.Count | Should -Be @($routes | Where-Object InterfaceName -eq $name).Count
        @(Get-NetRouteTable -InterfaceName "$($name.Substring(0, 1))*").Count | Should -BeGreaterOrEqual $exact.Count
    }

    It 'reports an explicit name no route carries as a non-terminating ObjectNotFound error' {
        $rows = Get-NetRouteTable -InterfaceName 'nsps-no-such-if', $withInterface.InterfaceName -ErrorVariable errs -ErrorAction SilentlyContinue
        $rows | Should -Not -BeNullOrEmpty
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be "ObjectNotFound,$cmd"
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -Match 'nsps-no-such-if'
    }

    It 'a wildcard that matches nothing is not an error' {
        Get-NetRouteTable -InterfaceName 'nsps-none-*' -ErrorVariable errs | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
    }

    It 'binds InterfaceAlias from Get-NetInterfaceStatistic output' {
        $rows = @(Get-NetInterfaceStatistic -Name $withInterface.InterfaceName | Get-NetRouteTable)
        $rows.Count | Should -Be @($routes | Where-Object InterfaceName -eq $withInterface.InterfaceName).Count
    }

    It 'binds InterfaceName from its own output and from plain objects' {
        @($withInterface | Get-NetRouteTable) | ForEach-Object { $_.InterfaceName | Should -Be $withInterface.InterfaceName }
        @([pscustomobject]@{ InterfaceAlias = $withInterface.InterfaceName } | Get-NetRouteTable).Count | Should -BeGreaterThan 0
    }

    It 'completes interface names' {
        Get-CompletionText "Get-NetRouteTable -InterfaceName $($withInterface.InterfaceName.Substring(0, 1))" | Should -Contain $withInterface.InterfaceName
    }
}

Describe 'Get-NetRouteTable -Destination' {
    It 'answers which route reaches an address on a connected network, like ip route get' {
        $connected = $v4 | Where-Object { $_.IsOnLink -and $_.PrefixLength -lt 32 -and $_.PrefixLength -gt 0 } | Select-Object -First 1
        $connected | Should -Not -BeNullOrEmpty
        $octets = $connected.Destination.Split('.')
        $octets[3] = [string]([int]$octets[3] + 1)
        $route = Get-NetRouteTable -Destination ($octets -join '.')
        $route | Should -HaveCount 1
        $route.PrefixLength | Should -BeGreaterOrEqual $connected.PrefixLength
        $route.AddressFamily | Should -Be 'IPv4'
    }

    It 'answers the loopback address from the local table' {
        Skip-TestUnless $platform.IsLinux 'Linux only: Wine 8 reports no loopback routes'
        $route = Get-NetRouteTable -Destination 127.0.0.1
        $route | Should -HaveCount 1
        $route.TableName | Should -Be 'local'
        $route.Type | Should -Be 'Local'
    }

    It 'answers an IPv6 address' {
        Skip-TestUnless (-not $platform.UnderWine) 'Skipped under Wine: Wine 8 reports no IPv6 routes'
        $route = Get-NetRouteTable -Destination ::1
        $route | Should -HaveCount 1
        $route.AddressFamily | Should -Be 'IPv6'
    }

    It '-Destination <Value> is refused, naming it' -TestCases @(
        @{ Value = '10.0.0.0/8' }
        @{ Value = 'gateway' }
        @{ Value = '10.1' }
        @{ Value = '::1/128' }
    ) {
        $err = Get-ErrorFrom { Get-NetRouteTable -Destination $Value }
        $err.FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,$cmd"
        $err.Exception.Message | Should -Match ([regex]::Escape("'$Value'"))
        $err.Exception.Message | Should -Match 'no prefix length'
    }
}

Describe 'Get-NetRouteTable -Interval and -Count' {
    It 'takes -Count samples' {
        $prefix = $v4[0].DestinationPrefix
        $n = @(Get-NetRouteTable $prefix).Count
        @(Get-NetRouteTable $prefix -Interval 0.2 -Count 2).Count | Should -Be (2 * $n)
    }

    It 'refuses -Count without -Interval' {
        (Get-ErrorFrom { Get-NetRouteTable -Count 2 }).FullyQualifiedErrorId | Should -Be "CountWithoutInterval,$cmd"
    }
}
