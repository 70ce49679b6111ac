<#
.SYNOPSIS
    Builds, tests, documents and runs the NetstatPS module.

.DESCRIPTION
    The one entry point for people with PowerShell. Every task builds first with
    'dotnet build NetstatPS.sln -c Release', which lays out the importable module at out/NetstatPS/.

    Build    Build the solution and lay out out/NetstatPS/.
    Test     Build, run 'dotnet test' (decoders, live kernel tests, contract tests, Wine runs where
             possible), then the Pester tests in tests/Pester against the built module.
    Docs     Build, then turn docs/*.md (PlatyPS markdown) into MAML help in out/NetstatPS/en-US/.
    Package  Docs, then a versioned zip of out/NetstatPS in out/.
    Run      Build, then in a fresh PowerShell import the module and show which processes hold
             which sockets: Get-NetConnectionEx | Group-Object ProcessName.

.PARAMETER Task
    Build, Test, Docs, Package or Run.

.PARAMETER Configuration
    The .NET build configuration; the module layout is produced by Release.

.EXAMPLE
    ./build.ps1 -Task Run

.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Run')]
    [string] $Task = 'Build',

    [ValidateSet('Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$moduleDir = Join-Path $root 'out/NetstatPS'

function Invoke-Native {
    param([string] $File, [string[]] $Arguments)
    Write-Host "> $File $($Arguments -join ' ')" -ForegroundColor Cyan
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File exited with code $LASTEXITCODE" }
}

function Build-NetstatPS {
    Invoke-Native dotnet @('build', (Join-Path $root 'NetstatPS.sln'), '-c', $Configuration)
}

function Get-PowerShellPath {
    # A child shell imports the module so this session never locks the freshly built assemblies.
    $self = (Get-Process -Id $PID).Path
    if ($self) { return $self }
    if ($PSVersionTable.PSEdition -eq 'Core') { return 'pwsh' }
    return 'powershell'
}

function Invoke-PesterTests {
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.3.0' } | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        throw 'Pester 5.3 or later is needed for the Pester tests: Install-Module Pester -MinimumVersion 5.3.0 -Scope CurrentUser'
    }
    $command = "Import-Module Pester -MinimumVersion 5.3.0; " +
              "`$c = New-PesterConfiguration; `$c.Run.Path = '$(Join-Path $root 'tests/Pester')'; `$c.Run.Exit = `$true; " +
              "`$c.Output.Verbosity = 'Detailed'; Invoke-Pester -Configuration `$c"
    Invoke-Native (Get-PowerShellPath) @('-NoProfile', '-NonInteractive', '-Command', $command)
}

function Invoke-Docs {
    $platy = Get-Module -ListAvailable -Name platyPS | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $platy) {
        throw 'platyPS is needed to build MAML help: Install-Module platyPS -Scope CurrentUser'
    }
    Import-Module $platy
    New-ExternalHelp -Path (Join-Path $root 'docs') -OutputPath (Join-Path $moduleDir 'en-US') -Force | Out-Null
    Write-Host "Help written to $(Join-Path $moduleDir 'en-US')"
}

switch ($Task) {
    'Build' { Build-NetstatPS }
    'Test' {
        Build-NetstatPS
        Invoke-Native dotnet @('test', (Join-Path $root 'NetstatPS.sln'), '-c', $Configuration, '--no-build')
        Invoke-PesterTests
    }
    'Docs' { Build-NetstatPS; Invoke-Docs }
    'Package' {
        Build-NetstatPS
        Invoke-Docs
        $version = (Import-PowerShellDataFile (Join-Path $root 'NetstatPS.psd1')).ModuleVersion
        $zip = Join-Path $root "out/NetstatPS-$version.zip"
        Compress-Archive -Path $moduleDir -DestinationPath $zip -Force
        Write-Host "Package: $zip"
    }
    'Run' {
        Build-NetstatPS
        $manifest = Join-Path $moduleDir 'NetstatPS.psd1'
        $command = "Import-Module '$manifest'; Get-NetConnectionEx | Group-Object ProcessName | Sort-Object Count -Descending | Format-Table Count, Name, @{ Name = 'Sockets'; Expression = { (`$_.Group | ForEach-Object { '{0}/{1}' -f `$_.Protocol, `$_.LocalPort } | Select-Object -Unique) -join ', ' } } -AutoSize -Wrap"
        Invoke-Native (Get-PowerShellPath) @('-NoProfile', '-Command', $command)
    }
}
