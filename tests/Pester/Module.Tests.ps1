#Requires -Version 5.1
# Pester 5 tests for the imported module as a whole: exports, metadata PowerShell users rely on
# (pipeline binding, wildcards, output types), help, and every command the README and the help
# examples show, run as written.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
    $cmdlets = @('Close-NetConnectionEx', 'Get-NetConnectionEx', 'Get-NetInterfaceStatistic', 'Get-NetProtocolStatistic', 'Get-NetRouteTable')

    # Runnable commands: the README's netstat → NetstatPS table and every help example. Interval
    # samples are shortened and bounded; what needs other machines (remoting) or a Pester run of its own
    # (a Describe block) or a file the example made before (Import-Clixml ./x.xml) is left to the tests
    # that cover it.
    function ConvertTo-RunnableCommand([string] $Text) {
        $t = $Text.Replace('\|', '|')
        if ($t -match 'Invoke-Command|Describe |\$_\.PSComputerName|Import-Clixml \./') { return $null }
        if ($t -match '-Interval \d+') {
            $t = $t -replace '-Interval \d+', '-Interval 0.2'
            if ($t -notmatch '-Count') { $t = $t -replace '(-Interval 0\.2)', '$1 -Count 2' }
        }
        elseif ($t -match '-Watch') {
            $t = $t -replace '-Watch', '-Watch -Interval 0.2 -Count 2'
        }
        # Run as typed, but closing nothing on the machine the tests run on.
        if ($t -notmatch '-WhatIf') { $t = $t -replace 'Close-NetConnectionEx', 'Close-NetConnectionEx -WhatIf' }
        return $t
    }

    $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
    $readmeRows = foreach ($m in [regex]::Matches($readme, '(?m)^\| [^|]*(?:\\\|[^|]*)* \| `([^`]+)` \|$')) {
        $command = ConvertTo-RunnableCommand $m.Groups[1].Value
        if ($command -and $command -match '^(Get-Net|\(Get-Net)') { @{ Command = $command } }
    }

    $examples = foreach ($file in Get-ChildItem (Join-Path $PSScriptRoot '../../docs') -Filter '*-*.md') {
        $text = Get-Content -Raw $file.FullName
        $n = 0
        foreach ($m in [regex]::Matches($text, '(?ms)^### Example \d+:[^\n]*\n+```powershell\n(.*?)\n```')) {
            $n++
            $command = ConvertTo-RunnableCommand $m.Groups[1].Value
            if ($command) { @{ Page = $file.BaseName; Number = $n; Command = $command } }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
    $script:manifest = Get-NetstatPSTestManifest
    Import-Module $script:manifest -Force

    function Invoke-AsUserWould([string] $Command) {
        # Runs a command as typed at a prompt and returns the errors NetstatPS itself raised (binding,
        # validation, terminating); other commands' errors (Get-Process sshd on a machine without sshd)
        # are the example's business, and so is the ObjectNotFound error an example shows on purpose.
        $ErrorActionPreference = 'Continue'
        $before = $Error.Count
        try {
            $null = & ([scriptblock]::Create($Command)) 2>&1 3>&1 | Out-String -Width 120
        }
        catch {
            return @($_)
        }
        @($Error | Select-Object -First ($Error.Count - $before) | Where-Object {
                $_ -is [System.Management.Automation.ErrorRecord] -and $_.FullyQualifiedErrorId -match 'NetstatPS\.Commands\.' -and $_.CategoryInfo.Category -ne 'ObjectNotFound'
            })
    }
}

Describe 'NetstatPS module' {
    It 'exports exactly the five cmdlets' {
        $names = (Get-Command -Module NetstatPS).Name | Sort-Object
        $names | Should -Be @('Close-NetConnectionEx', 'Get-NetConnectionEx', 'Get-NetInterfaceStatistic', 'Get-NetProtocolStatistic', 'Get-NetRouteTable')
    }

    It 'has a valid manifest for both editions' {
        $info = Test-ModuleManifest -Path $script:manifest -ErrorVariable problems -WarningVariable warnings
        $problems | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
        $info.CompatiblePSEditions | Should -Contain 'Desktop'
        $info.CompatiblePSEditions | Should -Contain 'Core'
        $info.PowerShellVersion | Should -Be ([version]'5.1')
    }

    It 'has the release notes of its version from CHANGELOG.md' {
        $info = Test-ModuleManifest -Path $script:manifest
        $changelog = (Get-Content -Raw (Join-Path $PSScriptRoot '../../CHANGELOG.md')) -replace "`r`n", "`n"
        $section = [regex]::Match($changelog, "(?ms)^## \[$([regex]::Escape("$($info.Version)"))\][^`n]*`n(.*?)(?=^## \[|\z)")
        $section.Success | Should -BeTrue -Because "CHANGELOG.md needs a section for $($info.Version)"
        ($info.ReleaseNotes -replace "`r`n", "`n") | Should -BeExactly $section.Groups[1].Value.Trim()
    }

    It 'is the copy this run asked for' {
        if ($env:NETSTATPS_IMPORT_BY_NAME) {
            # The installed-copy layers: found by name, as a user's 'Import-Module NetstatPS' finds it.
            $module = Import-Module NetstatPS -Force -PassThru
            $module.ModuleBase | Should -Be ([System.IO.Path]::GetFullPath($env:NETSTATPS_IMPORT_BY_NAME).TrimEnd('\', '/'))
            $module.ModuleBase | Should -Not -BeLike "$([System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../out')))*"
            Test-Path (Join-Path $module.ModuleBase 'PSGetModuleInfo.xml') | Should -BeTrue -Because 'Install-PSResource records what it installed there'
        }
        else {
            (Get-Module NetstatPS).ModuleBase | Should -Be (Split-Path ([System.IO.Path]::GetFullPath($script:manifest)))
        }
    }

    It 'declares the output type of <Name>' -TestCases @(
        @{ Name = 'Get-NetConnectionEx'; Type = 'NetstatPS.Connection' }
        @{ Name = 'Get-NetConnectionEx'; Type = 'NetstatPS.ConnectionChange' }
        @{ Name = 'Get-NetRouteTable'; Type = 'NetstatPS.Route' }
        @{ Name = 'Get-NetInterfaceStatistic'; Type = 'NetstatPS.InterfaceStatistic' }
        @{ Name = 'Get-NetProtocolStatistic'; Type = 'NetstatPS.TcpStatistic' }
        @{ Name = 'Get-NetProtocolStatistic'; Type = 'NetstatPS.IcmpStatistic' }
        @{ Name = 'Close-NetConnectionEx'; Type = 'NetstatPS.Connection' }
    ) {
        (Get-Command $Name).OutputType.Name | Should -Contain $Type
    }

    It '<Name> -<Parameter> binds from the pipeline by property name' -TestCases @(
        @{ Name = 'Get-NetConnectionEx'; Parameter = 'ProcessId'; Aliases = @('OwningProcess', 'Id') }
        @{ Name = 'Get-NetRouteTable'; Parameter = 'InterfaceName'; Aliases = @('InterfaceAlias') }
        @{ Name = 'Get-NetInterfaceStatistic'; Parameter = 'Name'; Aliases = @('InterfaceAlias', 'InterfaceName') }
    ) {
        $p = (Get-Command $Name).Parameters[$Parameter]
        $p.ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Contain $true
        foreach ($a in $Aliases) { $p.Aliases | Should -Contain $a }
        (Get-Help $Name -Parameter $Parameter).pipelineInput | Should -Be 'True (ByPropertyName)'
        $aliasesInHelp = (Get-Help $Name -Parameter $Parameter).aliases
        foreach ($a in $Aliases) { $aliasesInHelp | Should -Match "\b$a\b" }
    }

    It '<Name> -<Parameter> is documented as taking wildcards' -TestCases @(
        @{ Name = 'Get-NetConnectionEx'; Parameter = 'ProcessName' }
        @{ Name = 'Get-NetRouteTable'; Parameter = 'InterfaceName' }
        @{ Name = 'Get-NetRouteTable'; Parameter = 'DestinationPrefix' }
        @{ Name = 'Get-NetInterfaceStatistic'; Parameter = 'Name' }
    ) {
        (Get-Command $Name).Parameters[$Parameter].Attributes.TypeId.Name | Should -Contain 'SupportsWildcardsAttribute'
        (Get-Help $Name -Parameter $Parameter).globbing | Should -Be 'true'
    }

    It 'has help with a synopsis, every parameter and examples for <_>' -TestCases $cmdlets {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeLike "$_ *"
        @($help.examples.example).Count | Should -BeGreaterOrEqual 3
        $documented = @($help.parameters.parameter.name)
        foreach ($parameter in (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters }) {
            $documented | Should -Contain $parameter
        }
    }

    It 'has an about topic that Get-Help shows as text' {
        $about = Get-Help about_NetstatPS | Out-String
        $about | Should -Match 'about_NetstatPS'
        $about | Should -Match 'SHORT DESCRIPTION'
        $about | Should -Match 'Get-NetConnectionEx'
    }

    It 'writes nothing from <_> when the pipeline before it produced nothing' -TestCases @('Get-NetConnectionEx', 'Get-NetInterfaceStatistic', 'Get-NetRouteTable') {
        # Piped input is collected and the OS read once at the end: an empty pipeline must not mean "all".
        @(@() | & $_) | Should -HaveCount 0
        @(Get-Process -Name 'nsps-no-such-process' -ErrorAction SilentlyContinue | & $_) | Should -HaveCount 0
    }

    It 'tab-completes the parameter names of <_>' -TestCases $cmdlets {
        $completions = Get-CompletionText "$_ -"
        foreach ($parameter in (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters }) {
            $completions | Should -Contain "-$parameter"
        }
    }
}

Describe 'Commands as the README and the help show them' {
    BeforeAll {
        # Windows has no table of Unix or raw sockets: a command asking for them gives exactly the
        # documented NotSupportedOnThisOS error there, and nothing else.
        function Assert-RunsAsDocumented([string] $Command) {
            $errors = @(Invoke-AsUserWould $Command)
            if ((Get-NetstatPSTestPlatform).IsWindows -and $Command -match '-Protocol [^|]*\b(Unix|Raw)\b') {
                $errors | Should -HaveCount 1
                $errors[0].FullyQualifiedErrorId | Should -Match '^NotSupportedOnThisOS,'
                return
            }
            $errors | Should -BeNullOrEmpty
        }
    }

    It 'README row runs without a NetstatPS error: <Command>' -TestCases $readmeRows {
        Assert-RunsAsDocumented $Command
    }

    It '<Page> example <Number> runs without a NetstatPS error' -TestCases $examples {
        Assert-RunsAsDocumented $Command
    }
}
