#Requires -Version 5.1
# Pester 5 tests of the help that `dotnet build` makes from docs/ (MAML and the about topic), as a user
# sees it through Get-Help in a real PowerShell, and of the docs themselves: they must be markdown that
# platyPS 0.14 (schema 2.0.0) reads as meant, since its New-ExternalHelp and our builder must agree.

BeforeDiscovery {
    $script:cmdlets = @('Close-NetConnectionEx', 'Get-NetConnectionEx', 'Get-NetInterfaceStatistic', 'Get-NetProtocolStatistic', 'Get-NetRouteTable')
    $docsDir = Join-Path $PSScriptRoot '../../docs'

    # Every example of every page, as written in the markdown, for per-example test cases.
    $script:docExamples = foreach ($name in $cmdlets) {
        $text = (Get-Content -Raw (Join-Path $docsDir "$name.md")) -replace "`r", ''
        $section = [regex]::Match($text, '(?ms)^## EXAMPLES\n(.*?)^## PARAMETERS').Groups[1].Value
        $n = 0
        foreach ($m in [regex]::Matches($section, '(?ms)^### (Example \d+[^\n]*)\n(.*?)(?=^### |\z)')) {
            @{ Page = $name; Index = $n; Title = $m.Groups[1].Value; Body = $m.Groups[2].Value }
            $n++
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
    Import-Module (Get-NetstatPSTestManifest) -Force
    $script:docsDir = Join-Path $PSScriptRoot '../../docs'

    function Get-HelpText {
        <#
        What Get-Help prints at 80 columns, with line breaks as LF. -Joined also undoes Get-Help's
        wrapping (it breaks lines at the column, mid-word, and indents the rest by four), so that a
        syntax line or sentence can be searched for whole.
        #>
        param([Parameter(Mandatory)] [hashtable] $Arguments, [switch] $Joined)
        $text = (Get-Help @Arguments | Out-String -Width 80) -replace "`r", ''
        if ($Joined) { $text = $text -replace "\n    ", '' }
        return $text
    }

    function Get-MarkdownOutsideCode {
        <# The lines of a docs file that are not inside a ``` fence (what platyPS parses as text and headings). #>
        param([Parameter(Mandatory)] [string] $Path)
        $inFence = $false
        foreach ($line in ((Get-Content -Raw $Path) -replace "`r", '') -split "`n") {
            if ($line.StartsWith('```')) { $inFence = -not $inFence; continue }
            if (-not $inFence) { $line }
        }
    }

    function Get-ExampleParts {
        <# An example's markdown body split into its fenced blocks (language, text) and the text after them. #>
        param([Parameter(Mandatory)] [string] $Body)
        $blocks = @([regex]::Matches($Body, '(?ms)^```(\w*)\n(.*?)^```\n?') | ForEach-Object {
                [pscustomobject]@{ Language = $_.Groups[1].Value; Text = $_.Groups[2].Value.Trim(); End = $_.Index + $_.Length; Start = $_.Index }
            })
        $last = if ($blocks.Count) { $blocks[-1].End } else { 0 }
        [pscustomobject]@{
            Before  = if ($blocks.Count) { $Body.Substring(0, $blocks[0].Start).Trim() } else { $Body.Trim() }
            Blocks  = $blocks
            Remarks = $Body.Substring($last).Trim()
        }
    }
}

Describe 'SYNTAX as platyPS writes it' {
    It 'puts the positional parameter first in every syntax of <Name>' -TestCases @(
        @{ Name = 'Get-NetConnectionEx'; Positional = 'State' }
        @{ Name = 'Get-NetInterfaceStatistic'; Positional = 'Name' }
        @{ Name = 'Get-NetProtocolStatistic'; Positional = 'Protocol' }
        @{ Name = 'Get-NetRouteTable'; Positional = 'DestinationPrefix' }
    ) {
        foreach ($syntax in (Get-Help $Name).syntax.syntaxItem) {
            $parameters = @($syntax.parameter)
            $parameters[0].name | Should -Be $Positional
            $parameters[0].position | Should -Be '0'
            @($parameters | Select-Object -Skip 1 | Where-Object position -ne 'named') | Should -BeNullOrEmpty
        }
        $text = Get-HelpText @{ Name = $Name }
        $text | Should -Match ([regex]::Escape("SYNTAX`n    $Name [[-$Positional] "))
    }

    It 'writes Get-NetConnectionEx''s syntax as platyPS: [[-State] {values}] first, then the named parameters in the page''s order' {
        $text = Get-HelpText @{ Name = 'Get-NetConnectionEx' } -Joined
        $text | Should -Match ([regex]::Escape('Get-NetConnectionEx [[-State] {Closed | Listen | SynSent | SynReceived | Established | FinWait1 | FinWait2 | CloseWait | Closing | LastAck | TimeWait | DeleteTcb | Bound}] [-AddressFamily {IPv4 | IPv6}] [-ContainerId <String[]>] [-Count <Int32>] [-IncludeCommandLine] [-IncludeSocketMemory] [-IncludeTcpInfo] [-Interval <Double>]'))
    }

    It 'has one syntax per parameter set of <_>, with that set''s parameters' -TestCases $cmdlets {
        $sets = @((Get-Command $_).ParameterSets | ForEach-Object {
                (@($_.Parameters.Name | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters }) | Sort-Object) -join ','
            }) | Sort-Object
        $syntaxes = @((Get-Help $_).syntax.syntaxItem | ForEach-Object { (@($_.parameter.name) | Sort-Object) -join ',' }) | Sort-Object
        $syntaxes | Should -Be $sets
    }

    It 'shows accepted values as a value group: -AddressFamily {IPv4 | IPv6} for <_>' -TestCases @('Get-NetConnectionEx', 'Get-NetRouteTable') {
        (Get-HelpText @{ Name = $_ } -Joined) | Should -Match ([regex]::Escape('[-AddressFamily {IPv4 | IPv6}]'))
        foreach ($syntax in (Get-Help $_).syntax.syntaxItem) {
            $p = $syntax.parameter | Where-Object name -eq 'AddressFamily'
            @($p.parameterValueGroup.parameterValue) | Should -Be @('IPv4', 'IPv6')
        }
    }

    It 'shows a switch as [-Name] in SYNTAX and with a SwitchParameter value in PARAMETERS' {
        $syntax = Get-HelpText @{ Name = 'Get-NetConnectionEx' } -Joined
        foreach ($switch in 'IncludeTcpInfo', 'IncludeSocketMemory', 'ResolveHostName', 'NoProcessInfo') {
            $syntax | Should -Match ([regex]::Escape("[-$switch] "))
            $syntax | Should -Not -Match ([regex]::Escape("[-$switch <"))
            (Get-HelpText @{ Name = 'Get-NetConnectionEx'; Parameter = $switch }) | Should -Match ([regex]::Escape("-$switch [<SwitchParameter>]"))
            $p = (Get-Help Get-NetConnectionEx).syntax.syntaxItem[0].parameter | Where-Object name -eq $switch
            $p.parameterValue | Should -BeNullOrEmpty
            (Get-Help Get-NetConnectionEx -Parameter $switch).parameterValue | Should -Be 'SwitchParameter'
        }
        # -Watch is a mandatory switch of its own set: no brackets at all.
        $syntax | Should -Match ([regex]::Escape(' -Watch [<CommonParameters>]'))
    }
}

Describe 'Help text keeps what the docs write' {
    It 'keeps escaped asterisks as asterisks: *:* and the wildcards of -ProcessName' {
        $text = Get-HelpText @{ Name = 'Get-NetConnectionEx'; Full = $true } -Joined
        $text | Should -Match ([regex]::Escape('netstat shows *:*) has State Listen'))
        $text | Should -Match ([regex]::Escape('with wildcards (ngin*, *sql*).'))
        $text | Should -Match ([regex]::Escape('one walk of /proc/*/fd;'))
    }

    It 'shows no markdown escape or emphasis marker in the help of <_>' -TestCases $cmdlets {
        $text = Get-HelpText @{ Name = $_; Full = $true }
        $text | Should -Not -Match '\\[*_`<>\[\]()|]'
        $text | Should -Not -Match '```'
    }

    It 'has no code block in any example''s remarks and no fence in Get-Help <_> -Examples' -TestCases $cmdlets {
        (Get-HelpText @{ Name = $_; Examples = $true }) | Should -Not -Match '```'
        foreach ($example in (Get-Help $_).examples.example) {
            $example.code | Should -Not -Match '```'
            @($example.remarks).Text -join "`n" | Should -Not -Match '```'
        }
    }
}

Describe 'Examples as platyPS writes them' {
    It '<Page> <Title>: one powershell block, at most one output block, then the remarks' -TestCases $docExamples {
        $parts = Get-ExampleParts $Body
        $parts.Before | Should -BeNullOrEmpty -Because 'platyPS 0.14 drops text before the code'
        $parts.Blocks.Count | Should -BeIn 1, 2
        $parts.Blocks[0].Language | Should -Be 'powershell'
        if ($parts.Blocks.Count -eq 2) { $parts.Blocks[1].Language | Should -Be '' }
        $parts.Remarks | Should -Not -Match '```'
    }

    It '<Page> <Title>: Get-Help shows the code, then the remarks, never the remarks inside the code' -TestCases $docExamples {
        $parts = Get-ExampleParts $Body
        $example = @((Get-Help $Page).examples.example)[$Index]
        $example.title | Should -Match ([regex]::Escape($Title))
        $code = $example.code -replace "`r", ''
        $code.StartsWith($parts.Blocks[0].Text) | Should -BeTrue -Because 'the code starts with the powershell block'
        $remarks = (@($example.remarks).Text -join ' ').Trim()
        if ($parts.Remarks) {
            $firstWords = ($parts.Remarks -split '\s+' | Select-Object -First 6) -join ' '
            $remarks.StartsWith($firstWords) | Should -BeTrue -Because "the remarks start '$firstWords'"
            $code | Should -Not -Match ([regex]::Escape($firstWords))
            $shown = Get-HelpText @{ Name = $Page; Examples = $true } -Joined
            $shown.IndexOf($firstWords) | Should -BeGreaterThan $shown.IndexOf(($parts.Blocks[0].Text -split "`n")[0])
        }
        else {
            $remarks | Should -BeNullOrEmpty
        }
    }
}

Describe 'about_NetstatPS' {
    BeforeAll {
        $script:about = (Get-Help about_NetstatPS | Out-String -Width 80) -replace "`r", ''
    }

    It 'is the text platyPS writes: TOPIC, the about_ name, level-1 sections in upper case' {
        $about | Should -Match '^\s*TOPIC\n    about_netstatps\n'
        $order = foreach ($heading in 'SHORT DESCRIPTION', 'LONG DESCRIPTION', 'EXAMPLES', 'NOTE', 'TROUBLESHOOTING NOTE', 'SEE ALSO', 'KEYWORDS') {
            $m = [regex]::Match($about, "(?m)^$heading$")
            $m.Success | Should -BeTrue -Because "the section $heading is there"
            $m.Index
        }
        $order | Should -Be ($order | Sort-Object)
    }

    It 'shows the mapping table as written, pipes included: <_>' -TestCases @(
        'Get-NetConnectionEx | Select-Object LocalPort, ProcessName, ProcessPath'
        'Get-NetInterfaceStatistic | Format-List'
        'Get-NetInterfaceStatistic -Interval 1 | Format-Table -View Rate'
        'Get-NetProtocolStatistic -Interval 10 | ForEach-Object Delta'
        'netstat -an | grep :22'
    ) {
        $about | Should -Match ("(?m)^ +" + [regex]::Escape($_) + '$')
    }

    It 'has no markdown left in it (escapes, arrows, table rules)' {
        $about | Should -Not -Match '\\[*|_]'
        $about | Should -Not -Match '->'
        $about | Should -Not -Match '(?m)^\s*\|'
        $about | Should -Match ([regex]::Escape('/proc/*/fd'))
        $about | Should -Match ([regex]::Escape('netstat shows *:*)'))
    }

    It 'fits in 80 columns, as platyPS''s about template asks' {
        $wide = (Get-Help about_NetstatPS | Out-String -Width 250) -replace "`r", ''
        foreach ($line in $wide -split "`n") { $line.Length | Should -BeLessOrEqual 80 -Because $line }
    }
}

Describe 'docs are platyPS 0.14 markdown (schema 2.0.0)' {
    It '<_>.md has the front matter New-ExternalHelp reads' -TestCases $cmdlets {
        $lines = ((Get-Content -Raw (Join-Path $docsDir "$_.md")) -replace "`r", '') -split "`n"
        $lines[0] | Should -Be '---'
        $end = [array]::IndexOf($lines, '---', 1)
        $end | Should -BeGreaterThan 0
        $front = $lines[1..($end - 1)]
        $front | Should -Contain 'external help file: NetstatPS.dll-Help.xml'
        $front | Should -Contain 'Module Name: NetstatPS'
        $front | Should -Contain 'schema: 2.0.0'
        @($front | Where-Object { $_ -match '^online version:' }).Count | Should -Be 1
    }

    It '<_>.md has the title and the sections in platyPS''s order' -TestCases $cmdlets {
        $text = @(Get-MarkdownOutsideCode (Join-Path $docsDir "$_.md"))
        @($text | Where-Object { $_ -match '^# ' }) | Should -Be @("# $_")
        @($text | Where-Object { $_ -match '^## ' }) | Should -Be @(
            '## SYNOPSIS', '## SYNTAX', '## DESCRIPTION', '## EXAMPLES', '## PARAMETERS', '## INPUTS', '## OUTPUTS', '## NOTES', '## RELATED LINKS')
    }

    It '<_>.md documents parameters as platyPS does: sorted, each with one yaml block of known keys, CommonParameters last' -TestCases $cmdlets {
        $text = (Get-Content -Raw (Join-Path $docsDir "$_.md")) -replace "`r", ''
        $section = [regex]::Match($text, '(?ms)^## PARAMETERS\n(.*?)^## INPUTS').Groups[1].Value
        $headings = @([regex]::Matches($section, '(?m)^### (.+)$') | ForEach-Object { $_.Groups[1].Value })
        $headings[-1] | Should -Be 'CommonParameters'
        $names = @($headings | Select-Object -SkipLast 1)
        $names | Should -Be @($names | Sort-Object)
        $known = 'Type', 'Parameter Sets', 'Aliases', 'Accepted values', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters'
        foreach ($name in $names) {
            $name | Should -Match '^-\w+$'
            $body = [regex]::Match($section, "(?ms)^### $([regex]::Escape($name))\n(.*?)(?=^### |\z)").Groups[1].Value
            $yaml = @([regex]::Matches($body, '(?ms)^```yaml\n(.*?)^```'))
            $yaml.Count | Should -Be 1 -Because "$name has one metadata block"
            foreach ($line in $yaml[0].Groups[1].Value -split "`n" | Where-Object { $_.Trim() }) {
                ($line -split ':', 2)[0].Trim() | Should -BeIn $known -Because "$name's yaml"
            }
        }
    }

    It 'about_NetstatPS.md follows platyPS''s about template' {
        $text = @(Get-MarkdownOutsideCode (Join-Path $docsDir 'about_NetstatPS.md'))
        $headings = @($text | Where-Object { $_ -match '^#' })
        $headings[0] | Should -Be '# about_NetstatPS'
        $headings[1] | Should -Be '## about_NetstatPS' -Because 'New-ExternalHelp takes a file as an about topic by its second heading'
        $level1 = @($headings | Select-Object -Skip 2 | Where-Object { $_ -match '^# ' })
        $template = '# SHORT DESCRIPTION', '# LONG DESCRIPTION', '# EXAMPLES', '# NOTE', '# TROUBLESHOOTING NOTE', '# SEE ALSO', '# KEYWORDS'
        $level1 | Should -Be @($template | Where-Object { $_ -in $level1 })
        $level1[0..1] | Should -Be $template[0..1]
        @($headings | Select-Object -Skip 2 | Where-Object { $_ -notmatch '^#{1,2} ' }) | Should -BeNullOrEmpty -Because 'subtopics are level 2'
    }

    It '<_> has no markdown table and no unescaped asterisk outside code (platyPS 0.14 reads neither as written)' -TestCases @($cmdlets + 'about_NetstatPS') {
        foreach ($line in Get-MarkdownOutsideCode (Join-Path $docsDir "$_.md")) {
            $line | Should -Not -Match '^\s*\|'
            $line | Should -Not -Match '(?<!\\)\*'
        }
    }
}
