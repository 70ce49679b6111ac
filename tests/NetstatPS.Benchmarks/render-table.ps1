<#
    The benchmark's render case (RenderCase.cs): in a real pwsh, reads the socket table once, then
    alternates, Repeat times, the bare default table (what Get-NetConnectionEx shows at a prompt or in
    a redirect) with Format-Table over the same six plain properties, both rendered at 80 columns, and
    for comparison the same table with the three text columns escaped by script blocks (the option the
    views do not use: a script block per row and column). Prints one line per run: "bare MS ROWS",
    "plain MS ROWS" or "script MS ROWS".
#>
param([Parameter(Mandatory)] [string] $Module, [int] $Repeat = 5)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$rows = @(Get-NetConnectionEx -Protocol Tcp)
$plain = { $rows | Format-Table Proto, LocalEndpoint, RemoteEndpoint, State, ProcessId, ProcessName | Out-String -Width 80 }
$bare = { $rows | Out-String -Width 80 }
$script = {
    $rows | Format-Table Proto,
        @{ Label = 'Local Address'; Expression = { [NetstatPS.DisplayText]::Escape($_.LocalEndpoint) } },
        @{ Label = 'Foreign Address'; Expression = { [NetstatPS.DisplayText]::Escape($_.RemoteEndpoint) } },
        State, ProcessId,
        @{ Label = 'Process'; Expression = { [NetstatPS.DisplayText]::Escape($_.ProcessName) } } | Out-String -Width 80
}
# One of each first: the formatter's type tables and the JIT are warm before anything is timed.
$null = & $bare
$null = & $plain
$null = & $script
for ($i = 0; $i -lt $Repeat; $i++) {
    foreach ($case in @(@('bare', $bare), @('plain', $plain), @('script', $script))) {
        [GC]::Collect()
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $text = & $case[1]
        $watch.Stop()
        '{0} {1} {2}' -f $case[0], $watch.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture), $rows.Count
        if ($text.Length -lt 80 * $rows.Count / 2) { throw "the $($case[0]) table is too short to hold $($rows.Count) rows" }
    }
}
