<#
.SYNOPSIS
    Runs Pester inside nsps-pwsh.exe under Wine; started by Invoke-WinePester.ps1, not by people.

.DESCRIPTION
    Every path is a Windows path (Z:\ is the Linux root). Imports the given Pester, runs the tests
    with the given verbosity (Pester prints its own "Tests Passed: N, Failed: M, ..." line), writes
    the counts as JSON to -CountsPath, and exits 0 when the run passed, 1 when tests or blocks failed,
    2 when the run itself broke (Pester could not be imported, Invoke-Pester threw).

    $ErrorActionPreference is left alone on purpose: the tests run in this session and must see the
    defaults a plain pwsh gives them.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $CountsPath,
    [string] $ModulePath,
    [string] $NUnitPath,
    [ValidateSet('Normal', 'Detailed', 'Diagnostic')] [string] $Verbosity = 'Detailed'
)

try {
    Import-Module $PesterManifest -Force -ErrorAction Stop
    if ($ModulePath) {
        # For tests that want to know which build they are testing; today's tests import
        # ../../out/NetstatPS relative to themselves.
        $env:NETSTATPS_MODULE_PATH = $ModulePath
    }

    $configuration = New-PesterConfiguration
    $configuration.Run.Path = $TestPath
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = $Verbosity
    if ($NUnitPath) {
        $configuration.TestResult.Enabled = $true
        $configuration.TestResult.OutputFormat = 'NUnitXml'
        $configuration.TestResult.OutputPath = $NUnitPath
    }

    $run = Invoke-Pester -Configuration $configuration
}
catch {
    Write-Host "wine-pester driver: the Pester run broke: $($_.Exception.GetType().FullName): $($_.Exception.Message)"
    Write-Host $_.ScriptStackTrace
    exit 2
}

$counts = [ordered]@{
    result           = "$($run.Result)"
    passed           = $run.PassedCount
    failed           = $run.FailedCount
    skipped          = $run.SkippedCount
    inconclusive     = $run.InconclusiveCount
    notRun           = $run.NotRunCount
    total            = $run.TotalCount
    failedBlocks     = $run.FailedBlocksCount
    failedContainers = $run.FailedContainersCount
    durationSeconds  = [math]::Round($run.Duration.TotalSeconds, 1)
    failedTests      = @($run.Failed | ForEach-Object {
            [ordered]@{
                name    = $_.ExpandedPath
                message = "$($_.ErrorRecord | Select-Object -First 1)"
            }
        })
    failedBlockNames = @($run.FailedBlocks | ForEach-Object { $_.Path -join '.' }) + @($run.FailedContainers | ForEach-Object { "$($_.Item)" })
}
$counts | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $CountsPath -Encoding utf8

if ($run.Result -eq 'Passed') { exit 0 }
exit 1
