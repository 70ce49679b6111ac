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
            $r.PSObject.Properties.Name | Should -Contain 'Weight'
        }
    }

    It 'gives each hop of a multipath route its weight, as ip route show does' {
        Skip-TestUnless $platform.IsLinux 'Linux only: the oracle is iproute2 (Windows has no weights: Weight is $null)'
        $expected = @(& ip -j -4 route show table main | ConvertFrom-Json | Where-Object { $_.PSObject.Properties['nexthops'] } |
                ForEach-Object { $r = $_; $r.nexthops | ForEach-Object { "$($r.dst) $($_.gateway) $($_.weight)" } })
        $actual = @($v4 | Where-Object { $null -ne $_.Weight } | ForEach-Object { "$($_.DestinationPrefix) $($_.NextHop) $($_.Weight)" })
        ($actual -join '; ') | Should -Be ($expected -join '; ')
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

    It 'answers <Address> as ip route get does: device, table, source, type, matched prefix' -TestCases @(
        @{ Address = '127.0.0.1' }
        @{ Address = '127.3.4.5' }
        @{ Address = '::1' }
        @{ Address = '198.51.100.1' }
        @{ Address = '2001:db8::1' }
    ) {
        Skip-TestUnless $platform.IsLinux 'Linux only: the oracle is iproute2'
        $ip = @(& ip -j -d route get $Address 2>$null | ConvertFrom-Json)
        $route = Get-NetRouteTable -Destination $Address -ErrorVariable errs -ErrorAction SilentlyContinue
        if ($ip.Count -eq 0) {
            # No route in this machine's namespace: the kernel's error, non-terminating, naming the address.
            $route | Should -BeNullOrEmpty
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be "NoRoute,$cmd"
            $errs[0].Exception.Message | Should -Match ([regex]::Escape("No route to $Address"))
            return
        }
        $errs | Should -BeNullOrEmpty
        $route | Should -HaveCount 1
        $route.Source | Should -Be 'NetlinkRouteGet'
        $route.InterfaceName | Should -Be $ip[0].dev
        $route.TableName | Should -Be $ip[0].table
        $route.InterfaceAddress | Should -Be $ip[0].prefsrc
        $route.Type.ToLowerInvariant() | Should -Be $(if ($ip[0].type) { $ip[0].type } else { 'unicast' })
        $fib = @(& ip -j route get fibmatch $Address 2>$null | ConvertFrom-Json)
        if ($fib.Count -eq 1 -and $fib[0].dst -ne 'default') {
            $route.DestinationPrefix | Should -Be $(if ($fib[0].dst -match '/') { $fib[0].dst } elseif ($Address -match ':') { "$($fib[0].dst)/128" } else { "$($fib[0].dst)/32" })
        }
    }

    It 'sends the lookup through -InterfaceName or -InterfaceIndex, like ip route get … oif' {
        Skip-TestUnless $platform.IsLinux 'Linux only: Wine 8 reports no loopback routes'
        $lo = Get-NetRouteTable -Destination 127.0.0.1 -InterfaceName lo
        $lo.InterfaceName | Should -Be 'lo'
        (Get-NetRouteTable -Destination 127.0.0.1 -InterfaceIndex $lo.InterfaceIndex).InterfaceIndex | Should -Be $lo.InterfaceIndex
        (Get-NetRouteTable -Destination 127.0.0.1 -ifIndex $lo.InterfaceIndex -InterfaceName lo).InterfaceName | Should -Be 'lo'
    }

    It 'takes -SourceAddress as ip route get … from, and says when the kernel refuses it' {
        Skip-TestUnless $platform.IsLinux 'Linux only: the oracle is iproute2'
        (Get-NetRouteTable -Destination 127.0.0.1 -SourceAddress 127.0.0.1).InterfaceAddress | Should -Be '127.0.0.1'
        $ip = @(& ip -j route get 198.51.100.1 from 192.0.2.77 2>$null | ConvertFrom-Json)
        $route = Get-NetRouteTable -Destination 198.51.100.1 -SourceAddress 192.0.2.77 -ErrorVariable errs -ErrorAction SilentlyContinue
        @($route).Count | Should -Be $ip.Count
        if ($ip.Count -eq 0) {
            $errs[0].FullyQualifiedErrorId | Should -Be "NoRoute,$cmd"
            $errs[0].Exception.Message | Should -Match 'No route to 198\.51\.100\.1 from 192\.0\.2\.77'
            $errs[0].TargetObject | Should -Be '198.51.100.1'
        }
    }

    It 'reports an -InterfaceName that names no interface as ObjectNotFound' {
        $route = Get-NetRouteTable -Destination 127.0.0.1 -InterfaceName 'nsps-no-such-if' -ErrorVariable errs -ErrorAction SilentlyContinue
        $route | Should -BeNullOrEmpty
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be "ObjectNotFound,$cmd"
        $errs[0].Exception.Message | Should -Match 'nsps-no-such-if'
    }

    It 'refuses <Case> before asking' -TestCases @(
        @{ Case = '-SourceAddress without -Destination'; Arguments = @{ SourceAddress = '127.0.0.1' }; Pattern = 'give -Destination too' }
        @{ Case = 'a source of the other family'; Arguments = @{ Destination = '127.0.0.1'; SourceAddress = '::1' }; Pattern = 'different address families' }
        @{ Case = 'a wildcard interface'; Arguments = @{ Destination = '127.0.0.1'; InterfaceName = 'l*' }; Pattern = "one name without wildcards, not 'l\*'" }
        @{ Case = 'two interfaces'; Arguments = @{ Destination = '127.0.0.1'; InterfaceName = 'lo', 'eth0' }; Pattern = 'one name without wildcards' }
        @{ Case = 'two indexes'; Arguments = @{ Destination = '127.0.0.1'; InterfaceIndex = 1, 2 }; Pattern = 'give one index, not 1, 2' }
    ) {
        $err = Get-ErrorFrom { Get-NetRouteTable @Arguments }
        $err.FullyQualifiedErrorId | Should -Be "InvalidLookup,$cmd"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match $Pattern
    }

    It '-SourceAddress <Value> is refused, naming it' -TestCases @(
        @{ Value = '10.0.0.0/8' }
        @{ Value = 'gateway' }
        @{ Value = '10.1' }
    ) {
        $err = Get-ErrorFrom { Get-NetRouteTable -Destination 127.0.0.1 -SourceAddress $Value }
        $err.FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,$cmd"
        $err.Exception.Message | Should -Match ([regex]::Escape("'$Value'"))
        $err.Exception.Message | Should -Match 'no prefix length'
    }

    It 'under Wine, answers from the table and warns that GetBestRoute2 returned ERROR_NOT_SUPPORTED' {
        Skip-TestUnless $platform.UnderWine 'Wine only: Linux and Windows answer the lookup themselves (the Linux tests above compare with ip route get)'
        $net = Get-TestNetworkAddress
        $route = Get-NetRouteTable -Destination '192.0.2.77' -WarningVariable warnings -WarningAction SilentlyContinue
        "$($route.DestinationPrefix) $($route.GatewayText) $($route.Source)" | Should -Be "192.0.2.0/24 On-link IpHlpApi"
        $warnings.Message | Should -Contain 'The OS could not be asked for the route to 192.0.2.77: GetBestRoute2 returned 50 (ERROR_NOT_SUPPORTED). It was chosen by longest-prefix match over the routing table instead, which ignores policy rules (ip rule) and -SourceAddress, and takes the first next hop of a multipath route.'
        (Get-NetRouteTable -Destination '198.51.100.1' -WarningAction SilentlyContinue).NextHop | Should -Be $net.Gateway
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

Describe 'Get-NetRouteTable -InterfaceIndex' {
    It 'selects the routes of one interface index' {
        $index = $withInterface.InterfaceIndex
        $rows = @(Get-NetRouteTable -InterfaceIndex $index)
        $rows | ForEach-Object { $_.InterfaceIndex | Should -Be $index }
        $rows.Count | Should -Be @($routes | Where-Object InterfaceIndex -eq $index).Count
    }

    It 'reports an index no route carries as a non-terminating ObjectNotFound error' {
        $rows = Get-NetRouteTable -InterfaceIndex 999999, $withInterface.InterfaceIndex -ErrorVariable errs -ErrorAction SilentlyContinue
        $rows | Should -Not -BeNullOrEmpty
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be "ObjectNotFound,$cmd"
        $errs[0].Exception.Message | Should -Match "interface index '999999'"
    }

    It 'refuses 0 and negative indexes at binding' {
        (Get-ErrorFrom { Get-NetRouteTable -InterfaceIndex 0 }).FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,$cmd"
    }
}

Describe 'Get-NetRouteTable in a private network namespace: policy rules, multipath, named tables' {
    BeforeAll {
        $script:ns = $null
        if ($platform.IsLinux -and $platform.IsRoot) {
            # Routes and rules only inside the namespace; /etc/iproute2 is a tmpfs there, so the
            # host's rt_tables are never touched. No packet is sent: lookups only ask the kernel.
            $setup = @'
mount -t tmpfs tmpfs /etc/iproute2
printf '255 local\n254 main\n253 default\n100 policy\n200 blue\n' > /etc/iproute2/rt_tables
ip link set lo up
ip link add va type veth peer name vb
ip link add vc type veth peer name vd
for d in va vb vc vd; do ip link set $d up; done
ip addr add 10.9.0.1/24 dev va
ip addr add 10.8.0.1/24 dev vc
ip route add default via 10.9.0.254
ip route add 172.16.0.0/16 nexthop via 10.9.0.2 weight 1 nexthop via 10.8.0.3 weight 3
ip route add 198.18.0.0/15 via 10.8.0.9 table policy
ip rule add to 198.18.0.0/15 lookup policy
ip route add default via 10.8.0.254 table blue
ip rule add from 10.8.0.1 lookup blue
ip route add unreachable 10.67.0.0/16
for a in $(seq -f 172.16.0.%g 1 16) $(seq -f 198.18.0.%g 1 8); do ip -j -d route get $a; done > $OUT/ip.jsonl
ip -j -d route get 203.0.113.5 from 10.8.0.1 > $OUT/ip-from.json
'@
            $script = @'
$out = $args[0]
$addresses = @(1..16 | ForEach-Object { "172.16.0.$_" }) + @(1..8 | ForEach-Object { "198.18.0.$_" })
$addresses | ForEach-Object { Get-NetRouteTable -Destination $_ } |
    Select-Object DestinationPrefix, NextHop, InterfaceName, TableName, InterfaceAddress, Weight, Source |
    ConvertTo-Json | Set-Content "$out/lookups.json"
$rows = Get-NetRouteTable -Destination 10.67.0.1 -ErrorVariable e -ErrorAction SilentlyContinue
$sampled = Get-NetRouteTable -Destination 10.67.0.1 -Interval 0.1 -Count 2 -ErrorVariable e2 -ErrorAction SilentlyContinue
[pscustomobject]@{
    Rows = @($rows).Count; Id = $e[0].FullyQualifiedErrorId; Category = "$($e[0].CategoryInfo.Category)"
    Message = $e[0].Exception.Message; Target = $e[0].TargetObject; SampledErrors = $e2.Count; Continued = $true
} | ConvertTo-Json | Set-Content "$out/unreachable.json"
$from = Get-NetRouteTable -Destination 203.0.113.5 -SourceAddress 10.8.0.1
$oif = Get-NetRouteTable -Destination 172.16.0.1 -InterfaceName vc
$multipath = @(Get-NetRouteTable -DestinationPrefix 172.16.0.0/16)
$copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($multipath[1]))
$blue = @(Get-NetRouteTable -Table blue)
$bad = Get-ErrorFrom { Get-NetRouteTable -Table purple }
[pscustomobject]@{
    FromTable = $from.TableName; FromNextHop = $from.NextHop
    OifInterface = $oif.InterfaceName; OifNextHop = $oif.NextHop; OifWeight = $oif.Weight
    MultipathHops = @($multipath | ForEach-Object { "$($_.NextHop) $($_.InterfaceName) $($_.Weight)" })
    Groups = @($multipath | Group-Object DestinationPrefix).Count
    View = ($multipath | Out-String -Width 80)
    CopyType = $copy.PSObject.TypeNames[0]; CopyWeight = $copy.Weight; CopyGateway = $copy.Gateway
    Blue = @($blue | ForEach-Object { "$($_.DestinationPrefix) $($_.TableName) $($_.Table)" })
    BlueByNumber = @(Get-NetRouteTable -Table 200).Count
    Completion = @(Get-CompletionText 'Get-NetRouteTable -Table b')
    AllCompletions = @(Get-CompletionText 'Get-NetRouteTable -Table ')
    BadMessage = $bad.Exception.Message
} | ConvertTo-Json | Set-Content "$out/shapes.json"
'@
            $script:ns = Invoke-PwshInNetworkNamespace -Setup $setup -Script $script
            $script:lookups = @(Get-Content -Raw "$ns/lookups.json" | ConvertFrom-Json)
            $script:oracle = @(Get-Content "$ns/ip.jsonl" | ForEach-Object { ($_ | ConvertFrom-Json)[0] })
            $script:unreachable = Get-Content -Raw "$ns/unreachable.json" | ConvertFrom-Json
            $script:shapes = Get-Content -Raw "$ns/shapes.json" | ConvertFrom-Json
        }
    }

    AfterAll {
        if ($ns) { Remove-Item -Recurse -Force $ns }
    }

    It 'answers every address of a multipath and a policy-routed prefix as ip route get does' {
        Skip-TestUnless ($platform.IsLinux -and $platform.IsRoot) 'Linux as root only: the test makes a network namespace'
        $lookups.Count | Should -Be 24
        for ($i = 0; $i -lt $lookups.Count; $i++) {
            $got = $lookups[$i]
            $want = $oracle[$i]
            "$($got.NextHop) $($got.InterfaceName) $($got.TableName) $($got.InterfaceAddress)" |
                Should -Be "$($want.gateway) $($want.dev) $($want.table) $($want.prefsrc)"
            $got.Source | Should -Be 'NetlinkRouteGet'
        }
        @($lookups | Where-Object DestinationPrefix -eq '172.16.0.0/16' | Sort-Object Weight -Unique).Weight | Should -Be @(1, 3)
        @($lookups | Where-Object DestinationPrefix -eq '198.18.0.0/15').TableName | Sort-Object -Unique | Should -Be 'policy'
    }

    It 'writes the kernel''s refusal as a non-terminating NoRoute error naming the address, every sample' {
        Skip-TestUnless ($platform.IsLinux -and $platform.IsRoot) 'Linux as root only: the test makes a network namespace'
        $unreachable.Rows | Should -Be 0
        $unreachable.Continued | Should -BeTrue
        $unreachable.Id | Should -Be "NoRoute,$cmd"
        $unreachable.Category | Should -Be 'ObjectNotFound'
        $unreachable.Target | Should -Be '10.67.0.1'
        $unreachable.Message | Should -Be 'No route to 10.67.0.1: the kernel answered No route to host (EHOSTUNREACH): an unreachable route matches it.'
        $unreachable.SampledErrors | Should -Be 2
    }

    It 'follows the source rule with -SourceAddress and the chosen device with -InterfaceName' {
        Skip-TestUnless ($platform.IsLinux -and $platform.IsRoot) 'Linux as root only: the test makes a network namespace'
        $from = Get-Content -Raw "$ns/ip-from.json" | ConvertFrom-Json
        "$($shapes.FromTable) $($shapes.FromNextHop)" | Should -Be "$($from[0].table) $($from[0].gateway)"
        $shapes.FromTable | Should -Be 'blue'
        "$($shapes.OifInterface) $($shapes.OifNextHop) $($shapes.OifWeight)" | Should -Be 'vc 10.8.0.3 3'
    }

    It 'lists a multipath route as one row per hop with its weight, grouped by prefix, in the route print view and across remoting' {
        Skip-TestUnless ($platform.IsLinux -and $platform.IsRoot) 'Linux as root only: the test makes a network namespace'
        $shapes.MultipathHops | Should -Be @('10.9.0.2 va 1', '10.8.0.3 vc 3')
        $shapes.Groups | Should -Be 1
        $shapes.View | Should -Match '172\.16\.0\.0/16 +255\.255\.0\.0 +10\.9\.0\.2 +va'
        $shapes.View | Should -Match '172\.16\.0\.0/16 +255\.255\.0\.0 +10\.8\.0\.3 +vc'
        $shapes.CopyType | Should -Be 'Deserialized.NetstatPS.Route'
        $shapes.CopyWeight | Should -Be 3
        $shapes.CopyGateway | Should -Be '10.8.0.3'
    }

    It 'names tables from rt_tables: TableName, -Table by name, completion, and the refusal lists them' {
        Skip-TestUnless ($platform.IsLinux -and $platform.IsRoot) 'Linux as root only: the test makes a network namespace'
        $shapes.Blue | Should -Be @('0.0.0.0/0 blue 200')
        $shapes.BlueByNumber | Should -Be 1
        $shapes.Completion | Should -Be @('blue')
        $shapes.AllCompletions | Should -Be @('main', 'local', 'default', 'all', 'policy', 'blue')
        $shapes.BadMessage | Should -Match "'purple' is not a routing table"
        $shapes.BadMessage | Should -Match 'Names defined in rt_tables here: policy, blue\.'
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
