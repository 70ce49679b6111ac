#Requires -Version 5.1
# Pester 5 tests for Get-NetRouteTable on the machine's real routing table (read only).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/NetstatPS/NetstatPS.psd1') -Force
}

Describe 'Get-NetRouteTable' {
    It 'returns Route objects with prefixes, families and interfaces' {
        $routes = Get-NetRouteTable
        $routes | Should -Not -BeNullOrEmpty
        foreach ($r in $routes) {
            $r.PSObject.TypeNames | Should -Contain 'NetstatPS.Route'
            $r.DestinationPrefix | Should -Be "$($r.Destination)/$($r.PrefixLength)"
            $r.AddressFamily | Should -BeIn @('IPv4', 'IPv6')
        }
    }

    It 'answers which route reaches the loopback address, like ip route get' {
        $route = Get-NetRouteTable -Destination 127.0.0.1
        $route | Should -HaveCount 1
        $route.PrefixLength | Should -BeLessOrEqual 32
        $route.AddressFamily | Should -Be 'IPv4'
    }

    It 'filters by family and prefix wildcard' {
        Get-NetRouteTable -AddressFamily IPv6 | ForEach-Object { $_.AddressFamily | Should -Be 'IPv6' }
        Get-NetRouteTable -DestinationPrefix '127.*' -Table all -AddressFamily IPv4 | ForEach-Object { $_.Destination | Should -BeLike '127.*' }
    }

    It 'gives netmasks for IPv4 only, and the Gateway alias' {
        $v4 = Get-NetRouteTable -AddressFamily IPv4 | Select-Object -First 1
        if ($v4) {
            $v4.Netmask | Should -Match '^\d+\.\d+\.\d+\.\d+$'
            $v4.Gateway | Should -Be $v4.NextHop
        }
        Get-NetRouteTable -AddressFamily IPv6 | ForEach-Object { $_.Netmask | Should -BeNullOrEmpty }
    }

    It 'reads like route print' {
        $text = Get-NetRouteTable | Out-String
        $text | Should -Match 'Destination'
        $text | Should -Match 'Gateway'
        $text | Should -Match 'Metric'
    }

    It 'rejects a table that is neither a name nor a number' {
        $err = { Get-NetRouteTable -Table sideways } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NetstatPS.Commands.GetNetRouteTableCommand' -PassThru
        $err.Exception.Message | Should -Match 'sideways'
    }

    It 'rejects a destination that is not one address' {
        { Get-NetRouteTable -Destination 10.0.0.0/8 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NetstatPS.Commands.GetNetRouteTableCommand'
    }
}
