<#
.SYNOPSIS
    Runs the NetstatPS Pester suite once and writes its counts; build.ps1 calls it in a child
    PowerShell (so the module is imported fresh), and the Windows-path runner calls it inside the
    win-x64 PowerShell host under wine64.

.PARAMETER PesterManifest
    Pester 5.9.1's Pester.psd1 (the tools/ folder of the NuGet package).

.PARAMETER TestPath
    The folder of *.Tests.ps1 files.

.PARAMETER CountsPath
    Where to write {Passed, Failed, Skipped, NotRun, FailedBlocks, FailedContainers} as JSON.

.PARAMETER Verbosity
    Pester's output verbosity: Normal prints failures and Pester's own summary line
    ('Tests Passed: N, Failed: M, Skipped: ...'); Detailed prints every test.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $CountsPath,
    [ValidateSet('Normal', 'Detailed', 'Diagnostic')] [string] $Verbosity = 'Detailed'
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force
$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = $Verbosity
# Colour codes make logs unreadable once redirected to a file or CI console.
$configuration.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $configuration

[ordered]@{
    Passed           = $result.PassedCount
    Failed           = $result.FailedCount
    Skipped          = $result.SkippedCount
    NotRun           = $result.NotRunCount
    FailedBlocks     = $result.FailedBlocksCount
    FailedContainers = $result.FailedContainersCount
    Duration         = $result.Duration.TotalSeconds
} | ConvertTo-Json | Set-Content -Path $CountsPath -Encoding utf8

$failures = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
exit ([Math]::Min($failures, 255))
