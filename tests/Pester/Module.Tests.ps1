#Requires -Version 5.1
# Pester 5 tests for the imported module as a whole. Run by ./build.ps1 -Task Test.

BeforeAll {
    $script:manifest = Join-Path $PSScriptRoot '../../out/NetstatPS/NetstatPS.psd1'
    Import-Module $script:manifest -Force
}

Describe 'NetstatPS module' {
    It 'exports exactly the four cmdlets' {
        $names = (Get-Command -Module NetstatPS).Name | Sort-Object
        $names | Should -Be @('Get-NetConnectionEx', 'Get-NetInterfaceStatistic', 'Get-NetProtocolStatistic', 'Get-NetRouteTable')
    }

    It 'has a valid manifest for both editions' {
        $info = Test-ModuleManifest -Path $script:manifest
        $info.CompatiblePSEditions | Should -Contain 'Desktop'
        $info.CompatiblePSEditions | Should -Contain 'Core'
        $info.PowerShellVersion | Should -Be ([version]'5.1')
    }

    It 'declares the output type of <Name>' -TestCases @(
        @{ Name = 'Get-NetConnectionEx'; Type = 'NetstatPS.Connection' }
        @{ Name = 'Get-NetRouteTable'; Type = 'NetstatPS.Route' }
        @{ Name = 'Get-NetInterfaceStatistic'; Type = 'NetstatPS.InterfaceStatistic' }
        @{ Name = 'Get-NetProtocolStatistic'; Type = 'NetstatPS.TcpStatistic' }
    ) {
        (Get-Command $Name).OutputType.Name | Should -Contain $Type
    }

    It 'has help with a synopsis, every parameter and examples for <Name>' -TestCases @(
        @{ Name = 'Get-NetConnectionEx' }
        @{ Name = 'Get-NetRouteTable' }
        @{ Name = 'Get-NetInterfaceStatistic' }
        @{ Name = 'Get-NetProtocolStatistic' }
    ) {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeLike "$Name *"
        @($help.examples.example).Count | Should -BeGreaterOrEqual 3
        $documented = @($help.parameters.parameter.name)
        foreach ($parameter in (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters }) {
            $documented | Should -Contain $parameter
        }
    }

    It 'writes nothing from <Name> when the pipeline before it produced nothing' -TestCases @(
        @{ Name = 'Get-NetConnectionEx' }
        @{ Name = 'Get-NetInterfaceStatistic' }
        @{ Name = 'Get-NetRouteTable' }
    ) {
        # Piped input is collected and the OS read once at the end: an empty pipeline must not mean "all".
        @(@() | & $Name) | Should -HaveCount 0
        @(Get-Process -Name 'nsps-no-such-process' -ErrorAction SilentlyContinue | & $Name) | Should -HaveCount 0
    }

    It 'tab-completes -State with every TCP state' {
        $line = 'Get-NetConnectionEx -State Fin'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain 'FinWait1'
        $completions | Should -Contain 'FinWait2'
    }

    It 'tab-completes -Protocol with the names netstat -s -p accepts' {
        $line = 'Get-NetProtocolStatistic -Protocol UD'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain 'UDP'
        $completions | Should -Contain 'UDPv6'
    }

    It 'tab-completes -Table with the named tables' {
        $line = 'Get-NetRouteTable -Table ma'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'main'
    }
}
