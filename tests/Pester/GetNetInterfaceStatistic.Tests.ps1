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

Describe 'Get-NetInterfaceStatistic -MulticastGroup' {
    BeforeAll {
        $script:groups = @(Get-NetInterfaceStatistic -MulticastGroup -WarningVariable script:groupWarnings -WarningAction SilentlyContinue)
    }

    It 'lists memberships as ip maddr does on Linux, and says Wine lacks the call on the Windows path' {
        if ($platform.IsLinux) {
            $groupWarnings | Should -BeNullOrEmpty
            $groups | Should -Not -BeNullOrEmpty
            $groups[0].PSObject.TypeNames | Should -Contain 'NetstatPS.MulticastMembership'
            ($groups | Where-Object { $_.InterfaceName -eq $loopback.Name -and $_.Address -eq '224.0.0.1' }) | Should -HaveCount 1
            # ip -j maddr, the oracle: the same memberships in the same order, where it did not change around the call.
            $oracle = { @(& ip -j maddr show | ConvertFrom-Json | ForEach-Object { $i = $_; $i.maddr | Where-Object { $_.PSObject.Properties['family'] } | ForEach-Object { '{0} {1} {2} {3}' -f $i.ifindex, $i.ifname, $_.address, $(if ($_.PSObject.Properties['users']) { $_.users } else { 1 }) } }) }
            $before = & $oracle
            $mine = @(Get-NetInterfaceStatistic -MulticastGroup | ForEach-Object { '{0} {1} {2} {3}' -f $_.InterfaceIndex, $_.InterfaceName, $_.Address, $_.ReferenceCount })
            $after = & $oracle
            if (($before -join "`n") -eq ($after -join "`n")) { $mine | Should -Be $before }
        }
        elseif ($platform.UnderWine) {
            # Wine 8's iphlpapi.dll does not export GetMulticastIpAddressTable: no rows, one warning naming it.
            $groups | Should -BeNullOrEmpty
            $groupWarnings | Should -HaveCount 1
            "$groupWarnings" | Should -Match 'GetMulticastIpAddressTable'
        }
        else {
            $groups | Should -Not -BeNullOrEmpty
            $groups | ForEach-Object { $_.ReferenceCount | Should -BeNullOrEmpty }
        }
    }

    It 'takes -Name, and an interface without such a name is ObjectNotFound' {
        $err = $null
        $rows = @(Get-NetInterfaceStatistic -Name $loopback.Name -MulticastGroup -ErrorVariable err -WarningAction SilentlyContinue)
        $err | Should -BeNullOrEmpty
        $rows | ForEach-Object { $_.InterfaceName | Should -Be $loopback.Name }
        if ($platform.IsLinux) { $rows | Should -Not -BeNullOrEmpty }
        $null = Get-NetInterfaceStatistic -Name 'nsps-no-such-if' -MulticastGroup -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "ObjectNotFound,$cmd"
        $err[0].Exception.Message | Should -Match 'nsps-no-such-if'
    }

    It 'is its own parameter set with its own output type' {
        $command = Get-Command Get-NetInterfaceStatistic
        $command.DefaultParameterSet | Should -Be 'Counters'
        ($command.ParameterSets | Where-Object Name -eq 'Multicast').Parameters.Name | Should -Contain 'MulticastGroup'
        ($command.OutputType | ForEach-Object Name) | Should -Contain 'NetstatPS.MulticastMembership'
    }

    It 'counts joins made in a test network namespace, and they survive a remoting round trip' {
        Skip-TestUnless ($platform.IsLinux -and $platform.IsRoot) 'joins are made inside unshare -n on Linux, which needs root'
        $out = Join-Path ([System.IO.Path]::GetTempPath()) ('nsps-mcast-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $out
        try {
            # Two sockets join 239.77.0.1 and one joins ff15::77 on the namespace's veth nsps0: reports stay on the veth.
            $script = @"
Import-Module '$([System.IO.Path]::GetFullPath((Get-NetstatPSTestManifest)))'
`$index = [System.Net.NetworkInformation.NetworkInterface]::GetAllNetworkInterfaces() | Where-Object Name -eq 'nsps0' | ForEach-Object { `$_.GetIPProperties().GetIPv4Properties().Index }
`$sockets = foreach (`$g in '239.77.0.1', '239.77.0.1') {
    `$s = [System.Net.Sockets.Socket]::new('InterNetwork', 'Dgram', 'Udp')
    `$s.SetSocketOption('IP', 'AddMembership', [System.Net.Sockets.MulticastOption]::new([System.Net.IPAddress]::Parse(`$g), `$index))
    `$s
}
`$s6 = [System.Net.Sockets.Socket]::new('InterNetworkV6', 'Dgram', 'Udp')
`$s6.SetSocketOption('IPv6', 'AddMembership', [System.Net.Sockets.IPv6MulticastOption]::new([System.Net.IPAddress]::Parse('ff15::77'), `$index))
Get-NetInterfaceStatistic -MulticastGroup | Export-Clixml '$out/groups.clixml'
Get-NetInterfaceStatistic -MulticastGroup -Name nsps0 | Out-String -Width 80 | Set-Content -NoNewline '$out/nsps0-80.txt'
& ip -j maddr show dev nsps0 | Set-Content '$out/ip.json'
"@
            Set-Content -Path (Join-Path $out 'join.ps1') -Value $script
            $self = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
            $shell = if ([System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { @($self, (Join-Path $PSHOME 'pwsh.dll')) } else { @($self) }
            $quoted = ($shell + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $out 'join.ps1')) | ForEach-Object { "'" + ($_ -replace "'", "'\''") + "'" }) -join ' '
            $log = & unshare -n sh -c "sh '$(Join-Path $PSScriptRoot 'TestNetwork.sh')' && exec $quoted" 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($log -join "`n")

            $back = @(Import-Clixml (Join-Path $out 'groups.clixml'))
            $back[0].PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.MulticastMembership'
            $v4 = $back | Where-Object { $_.InterfaceName -eq 'nsps0' -and $_.Address -eq '239.77.0.1' }
            $v4.ReferenceCount | Should -Be 2
            $v4.AddressFamily | Should -Be 'IPv4'
            $v4.InterfaceAlias | Should -Be 'nsps0'
            ($back | Where-Object { $_.InterfaceName -eq 'nsps0' -and $_.Address -eq 'ff15::77' }).ReferenceCount | Should -Be 1
            $ip = Get-Content -Raw (Join-Path $out 'ip.json') | ConvertFrom-Json
            ($ip.maddr | Where-Object address -eq '239.77.0.1').users | Should -Be 2
            $text = Get-Content -Raw (Join-Path $out 'nsps0-80.txt')
            $text | Should -Match '(?m)^Interface\s+RefCnt Group\s*$'
            $text | Should -Match '(?m)^nsps0\s+2 239\.77\.0\.1\s*$'
            $text | Should -Match '(?m)^nsps0\s+1 ff15::77\s*$'
        }
        finally {
            Remove-Item -Recurse -Force $out -ErrorAction SilentlyContinue
        }
    }
}
