<#
    The benchmark's pwsh contender (PwshSession.cs): one persistent pwsh that imported the module once
    and answers timing requests on stdin, one per line: "QUERY ARG" with QUERY one of all-owners, all,
    port (ARG = the local port, -NoProcessInfo) or pid (ARG = the process id). It runs the query as a
    user types it, collecting the rows into an array, and prints "RESULT MS ROWS" (or "ERROR text").
    An empty line or end of input ends it.
#>
param([Parameter(Mandatory)] [string] $Module)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$queries = @{
    'all-owners' = { param($a) Get-NetConnectionEx -Protocol Tcp }
    'all'        = { param($a) Get-NetConnectionEx -Protocol Tcp -NoProcessInfo }
    'port'       = { param($a) Get-NetConnectionEx -Protocol Tcp -LocalPort $a -NoProcessInfo }
    'pid'        = { param($a) Get-NetConnectionEx -Protocol Tcp -ProcessId $a }
}
'READY'
while ($null -ne ($line = [Console]::In.ReadLine()) -and $line -ne '') {
    try {
        $name, $arg = $line.Split(' ')
        [GC]::Collect()
        [GC]::WaitForPendingFinalizers()
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $rows = @(& $queries[$name] ([int]$arg))
        $watch.Stop()
        'RESULT {0} {1}' -f $watch.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture), $rows.Count
        $rows = $null
    }
    catch {
        'ERROR ' + ($_.ToString() -replace '\s+', ' ')
    }
}
