<#
.SYNOPSIS
    Runs the NetstatPS Pester suite once and writes its counts. build.ps1 starts it in a child
    PowerShell (so the module is imported fresh); tests/Wine/Invoke-WinePester.ps1 starts it inside
    nsps-pwsh.exe under Wine, where every path is a Windows path (Z:\ is the Linux root).

.DESCRIPTION
    Imports the given Pester (5.9.1 from the NuGet packages folder), runs the tests
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
        # NetstatPS.TestSupport.psm1 imports the module from here (default: ../../out/NetstatPS).
        $env:NETSTATPS_MODULE_PATH = $ModulePath
    }

    $configuration = New-PesterConfiguration
    $configuration.Run.Path = $TestPath
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = $Verbosity
    # Colour codes make logs unreadable once redirected to a file or a CI console.
    $configuration.Output.RenderMode = 'Plaintext'
    if ($NUnitPath) {
        $configuration.TestResult.Enabled = $true
        $configuration.TestResult.OutputFormat = 'NUnitXml'
        $configuration.TestResult.OutputPath = $NUnitPath
    }

    $run = Invoke-Pester -Configuration $configuration
}
catch {
    Write-Host "pester driver: the Pester run broke: $($_.Exception.GetType().FullName): $($_.Exception.Message)"
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
