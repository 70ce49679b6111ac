<#
.SYNOPSIS
    Builds, tests, documents and runs the NetstatPS module.

.DESCRIPTION
    The one entry point for people with PowerShell. Every task builds first with
    'dotnet build NetstatPS.sln -c Release', which lays out the importable module at out/NetstatPS/.

    Build    Build the solution and lay out out/NetstatPS/.
    Test     Build, then run every test layer and add them up:
               1. xunit ('dotnet test': decoders, live kernel tests, property tests, contract tests,
                  the Core's Windows sources under Wine);
               2. Pester in this machine's PowerShell against out/NetstatPS (tests/Pester);
               3. on Linux, the same Pester tests on the Windows code path: the real PowerShell engine
                  in a win-x64 host under wine64 (tests/Wine/Invoke-WinePester.ps1);
               4. the package (as the Package task makes it) installed with PSResourceGet from a local
                  repository into a private user's module folder, and the same Pester tests run
                  against that installed copy, found by name (Import-Module NetstatPS), in Linux pwsh
                  and on Linux also under wine64.
             Each layer prints its own summary; the last line is 'N passed, N failed, N skipped' over
             all of them, and any failure makes the task fail. A layer that cannot run here (no
             wine64) is skipped with the reason, except under CI=true, where it is a failure.
    Docs     Build, then cross-check the build's MAML help with platyPS's New-ExternalHelp, where
             platyPS is installed: its output goes to out/platyPS-help/ and the commands and
             parameters both document are compared. The module keeps the build's own help.
    Package  Build, then out/package/NetstatPS.<version>.nupkg: what Install-PSResource installs,
             made by Publish-PSResource (PSResourceGet, shipped with PowerShell 7.4+) into a
             temporary file repository at out/package/. The help in it is the build's own MAML;
             platyPS is not needed (where it is installed it cross-checks, as in Docs).
    Run      Build, then in a fresh PowerShell import the module and show which processes hold
             which sockets: Get-NetConnectionEx | Group-Object ProcessName.

    PowerShell and Pester come from the repository, not from the Gallery: PowerShell 7.6.9 is the
    local dotnet tool in .config/dotnet-tools.json ('dotnet tool restore; dotnet pwsh ./build.ps1'),
    Pester 5.9.1 is restored from NuGet by tests/NetstatPS.PesterTools. This script works in whatever
    PowerShell runs it (the dotnet local or global tool, a distro package, Windows PowerShell 5.1 for
    the Build and Run tasks).

.PARAMETER Task
    Build, Test, Docs, Package or Run.

.PARAMETER Configuration
    The .NET build configuration; the module layout is produced by Release.

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Run

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
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
$resultsDir = Join-Path $root 'out/test-results'
$packageDir = Join-Path $root 'out/package'
$pesterVersion = '5.9.1'
$onLinux = (Test-Path variable:IsLinux) -and $IsLinux
$inCI = $env:CI -eq 'true'

function Invoke-Native {
    param([string] $File, [string[]] $Arguments, [switch] $NoThrow)
    Write-Host "> $File $($Arguments -join ' ')" -ForegroundColor Cyan
    # To the host, not the output stream: callers take this function's output as the exit code.
    & $File @Arguments | Out-Host
    $code = $LASTEXITCODE
    if ($code -ne 0 -and -not $NoThrow) { throw "$File exited with code $code" }
    return $code
}

function Build-NetstatPS {
    $null = Invoke-Native dotnet @('build', (Join-Path $root 'NetstatPS.sln'), '-c', $Configuration)
}

function Get-PowerShellCommand {
    # A child shell imports the module so this session never locks the freshly built assemblies. The
    # child is this same PowerShell: under 'dotnet pwsh' (a local or global dotnet tool started through
    # the muxer) the process is dotnet itself, which needs pwsh.dll from $PSHOME as its first argument.
    $self = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    if ([System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') {
        return @($self, (Join-Path $PSHOME 'pwsh.dll'))
    }
    if ($self) { return @($self) }
    if ($PSVersionTable.PSEdition -eq 'Core') { return @('pwsh') }
    return @('powershell')
}

function Invoke-PowerShellChild {
    param([string] $Command, [switch] $NoThrow)
    $shell = @(Get-PowerShellCommand)
    $arguments = @($shell | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Command)
    return Invoke-Native $shell[0] $arguments -NoThrow:$NoThrow
}

function Get-NuGetPackagesFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = & dotnet nuget locals global-packages --list | Select-Object -First 1
    return ($line -replace '^global-packages:\s*', '').Trim()
}

function Get-PesterManifest {
    $manifest = Join-Path (Get-NuGetPackagesFolder) "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        $null = Invoke-Native dotnet @('restore', (Join-Path $root 'tests/NetstatPS.PesterTools/NetstatPS.PesterTools.csproj'))
    }
    if (-not (Test-Path $manifest)) {
        throw "Pester $pesterVersion is not at $manifest after 'dotnet restore tests/NetstatPS.PesterTools'."
    }
    return $manifest
}

function New-LayerResult {
    param([string] $Name, [int] $Passed = 0, [int] $Failed = 0, [int] $Skipped = 0, [string] $Note = '')
    [pscustomobject]@{ Layer = $Name; Passed = $Passed; Failed = $Failed; Skipped = $Skipped; Note = $Note }
}

function Invoke-XunitLayer {
    $dir = Join-Path $resultsDir 'xunit'
    if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
    $code = Invoke-Native dotnet @('test', (Join-Path $root 'NetstatPS.sln'), '-c', $Configuration, '--no-build',
        '--logger', 'trx', '--logger', 'console;verbosity=normal', '--results-directory', $dir) -NoThrow
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($trx in Get-ChildItem $dir -Filter *.trx -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -Raw -LiteralPath $trx.FullName)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $skipped += [int]$counters.notExecuted
    }
    if ($code -ne 0 -and $failed -eq 0) {
        # dotnet test failed without a failed test in any result file: a crashed or unbuilt test host.
        $failed = 1
        return New-LayerResult 'xunit' $passed $failed $skipped "dotnet test exited with code $code"
    }
    return New-LayerResult 'xunit' $passed $failed $skipped
}

function Read-PesterCounts {
    param([string] $Name, [string] $CountsFile, [int] $ExitCode)
    if (-not (Test-Path $CountsFile)) {
        return New-LayerResult $Name 0 1 0 "no result counts were written (exit code $ExitCode)"
    }
    $counts = Get-Content -Raw $CountsFile | ConvertFrom-Json
    # A failed BeforeAll or a file that does not parse fails a block or container, not a test.
    $failed = [int]$counts.Failed + [int]$counts.FailedBlocks + [int]$counts.FailedContainers
    if ($ExitCode -ne 0 -and $failed -eq 0) { $failed = 1 }
    return New-LayerResult $Name ([int]$counts.Passed) $failed ([int]$counts.Skipped + [int]$counts.NotRun)
}

function Invoke-PesterLayer {
    $null = New-Item -ItemType Directory -Force $resultsDir
    $countsFile = Join-Path $resultsDir 'pester-local.json'
    Remove-Item $countsFile -ErrorAction SilentlyContinue
    $driver = Join-Path $root 'tests/Pester/Invoke-NetstatPSPester.ps1'
    $command = "& '$driver' -PesterManifest '$(Get-PesterManifest)' -TestPath '$(Join-Path $root 'tests/Pester')' -ModulePath '$moduleDir' -CountsPath '$countsFile' -Verbosity Normal; exit `$LASTEXITCODE"
    $code = Invoke-PowerShellChild $command -NoThrow
    $edition = if ($onLinux) { 'Linux' } elseif ((Test-Path variable:IsMacOS) -and $IsMacOS) { 'macOS' } else { 'Windows' }
    return Read-PesterCounts "Pester ($edition pwsh)" $countsFile $code
}

function Invoke-WinePesterLayer {
    # With -InstallFrom (a .nupkg) the Wine runner installs it with PSResourceGet under Wine and tests
    # that copy, found by name.
    param([string] $InstallFrom)
    $name = if ($InstallFrom) { 'Pester (installed copy, wine64)' } else { 'Pester (Windows code path, wine64)' }
    $wine = '/usr/lib/wine/wine64'
    if (-not (Test-Path $wine)) {
        $why = "$wine not found: apt-get install wine64 to run the Windows-path Pester layer (.ci/run installs it)"
        if ($inCI) { return New-LayerResult $name 0 1 0 "CI=true and $why" }
        Write-Warning "Skipping the Windows-path Pester layer: $why."
        return New-LayerResult $name 0 0 0 "skipped: $why"
    }
    $countsFile = Join-Path $resultsDir $(if ($InstallFrom) { 'pester-installed-wine.json' } else { 'pester-wine.json' })
    Remove-Item $countsFile -ErrorAction SilentlyContinue
    $runner = Join-Path $root 'tests/Wine/Invoke-WinePester.ps1'
    $source = if ($InstallFrom) { "-InstallFrom '$InstallFrom'" } else { "-ModulePath '$moduleDir'" }
    $command = "& '$runner' $source -TestPath '$(Join-Path $root 'tests/Pester')' -ResultPath '$countsFile' -Verbosity Normal; exit `$LASTEXITCODE"
    $code = Invoke-PowerShellChild $command -NoThrow
    $layer = Read-PesterCounts $name $countsFile $code
    if ($InstallFrom -and (Test-Path $countsFile)) {
        $run = Get-Content -Raw $countsFile | ConvertFrom-Json
        $install = if ($run.PSObject.Properties['install']) { $run.install } else { $null }
        if ($install -and $install.installed) { $layer.Note = "NetstatPS $($install.version) installed by PSResourceGet $($install.psResourceGetVersion) in $($install.moduleBase)" }
        elseif ($install) { $layer.Failed = [Math]::Max(1, $layer.Failed); $layer.Note = "PSResourceGet under Wine failed at $($install.step): $($install.error)" }
    }
    return $layer
}

function Invoke-AsFreshUser {
    # Runs $Script with HOME in a temporary folder and without XDG overrides or an inherited
    # PSModulePath: a child PowerShell started there is a new user's, whose CurrentUser module
    # folder (HOME/.local/share/powershell/Modules) is private and on its default PSModulePath.
    param([string] $UserHome, [scriptblock] $Script)
    $names = 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'PSModulePath', 'NETSTATPS_MODULE_PATH'
    $saved = @{}
    foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
    try {
        foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $null) }
        [Environment]::SetEnvironmentVariable('HOME', $UserHome)
        & $Script
    }
    finally {
        foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
    }
}

function Invoke-InstalledPesterLayer {
    # The package installed as a user installs it (tests/Package/Install-FromLocalRepository.ps1:
    # a local repository, Publish-PSResource, Install-PSResource -Scope CurrentUser) in one fresh
    # PowerShell, then the Pester suite in another that finds the module by name.
    param([string] $Package)
    $edition = if ($onLinux) { 'Linux' } elseif ((Test-Path variable:IsMacOS) -and $IsMacOS) { 'macOS' } else { 'Windows' }
    $name = "Pester (installed copy, $edition pwsh)"
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ('nsps-installed-' + [guid]::NewGuid().ToString('N'))
    $installFile = Join-Path $work 'install.json'
    $countsFile = Join-Path $resultsDir 'pester-installed.json'
    Remove-Item $countsFile -ErrorAction SilentlyContinue
    # A home as a login makes it, with its XDG base folders: .NET reports a missing ~/.config as ''
    # and NuGet (inside PSResourceGet) would then write NuGet/NuGet.Config into the current folder.
    foreach ($folder in '.config', '.local/share', '.cache') { $null = New-Item -ItemType Directory -Force (Join-Path $work "home/$folder") }
    # Found before HOME changes: the NuGet packages folder is the real user's.
    $pester = Get-PesterManifest
    try {
        Invoke-AsFreshUser (Join-Path $work 'home') {
            $installer = Join-Path $root 'tests/Package/Install-FromLocalRepository.ps1'
            $null = Invoke-PowerShellChild "& '$installer' -PackagePath '$Package' -RepositoryPath '$(Join-Path $work 'repository')' -ResultPath '$installFile'; exit `$LASTEXITCODE" -NoThrow
            $install = if (Test-Path $installFile) { Get-Content -Raw $installFile | ConvertFrom-Json } else { $null }
            if (-not $install -or -not $install.installed) {
                $why = if ($install) { "at $($install.step): $($install.error)" } else { 'the installer wrote no result' }
                return New-LayerResult $name 0 1 0 "installing the package failed $why"
            }
            $env:NETSTATPS_IMPORT_BY_NAME = $install.moduleBase
            try {
                $driver = Join-Path $root 'tests/Pester/Invoke-NetstatPSPester.ps1'
                $code = Invoke-PowerShellChild "& '$driver' -PesterManifest '$pester' -TestPath '$(Join-Path $root 'tests/Pester')' -CountsPath '$countsFile' -Verbosity Normal; exit `$LASTEXITCODE" -NoThrow
            }
            finally {
                Remove-Item Env:NETSTATPS_IMPORT_BY_NAME
            }
            $layer = Read-PesterCounts $name $countsFile $code
            $layer.Note = "NetstatPS $($install.version) installed by PSResourceGet $($install.psResourceGetVersion) in $($install.moduleBase)"
            return $layer
        }
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-InstalledLayers {
    # One package for both layers, made as the Package task makes it.
    try {
        $package = New-NetstatPSPackage
    }
    catch {
        $why = "build.ps1 -Task Package failed: $($_.Exception.Message)"
        New-LayerResult 'Pester (installed copy)' 0 1 0 $why
        return
    }
    Invoke-InstalledPesterLayer $package
    if ($onLinux) { Invoke-WinePesterLayer -InstallFrom $package }
}

function Invoke-AllTests {
    Build-NetstatPS
    $layers = @(
        Invoke-XunitLayer
        Invoke-PesterLayer
        if ($onLinux) { Invoke-WinePesterLayer }
        Invoke-InstalledLayers
    )
    Write-Host ''
    Write-Host 'Test layers:'
    foreach ($l in $layers) {
        Write-Host ('  {0,-36} {1,5} passed, {2,3} failed, {3,3} skipped  {4}' -f $l.Layer, $l.Passed, $l.Failed, $l.Skipped, $l.Note)
    }
    $passed = ($layers | Measure-Object Passed -Sum).Sum
    $failed = ($layers | Measure-Object Failed -Sum).Sum
    $skipped = ($layers | Measure-Object Skipped -Sum).Sum
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { throw "$failed test(s) failed." }
}

function Get-PlatyPS {
    Get-Module -ListAvailable -Name platyPS | Sort-Object Version -Descending | Select-Object -First 1
}

function Test-HelpWithPlatyPS {
    # platyPS's New-ExternalHelp over the same docs/, written beside the module (never into it), and
    # compared with the build's MAML command by command: the project's output stays what ships.
    param([Parameter(Mandatory)] $PlatyPS)
    Import-Module $PlatyPS
    $out = Join-Path $root 'out/platyPS-help'
    if (Test-Path $out) { Remove-Item $out -Recurse -Force }
    New-ExternalHelp -Path (Join-Path $root 'docs') -OutputPath $out -Force | Out-Null
    $ns = @{ command = 'http://schemas.microsoft.com/maml/dev/command/2004/10' }
    $read = {
        param([string] $File)
        Select-Xml -LiteralPath $File -XPath '//command:command' -Namespace $ns | ForEach-Object {
            $c = $_.Node
            '{0}: {1}' -f $c.details.name.Trim(), ((@($c.parameters.parameter | ForEach-Object { $_.name.Trim() }) | Sort-Object) -join ' ')
        }
    }
    $ours = & $read (Join-Path $moduleDir 'en-US/NetstatPS.dll-Help.xml')
    $theirs = & $read (Join-Path $out 'NetstatPS.dll-Help.xml')
    $differences = @(Compare-Object @($ours) @($theirs))
    foreach ($d in $differences) {
        $side = if ($d.SideIndicator -eq '<=') { 'only the build' } else { 'only platyPS' }
        Write-Warning "help cross-check: $side has $($d.InputObject)"
    }
    Write-Host "platyPS $($PlatyPS.Version) cross-check: $(@($ours).Count) commands, $($differences.Count) difference(s); its output is in $out"
}

function Invoke-Docs {
    $platy = Get-PlatyPS
    if (-not $platy) {
        throw 'platyPS is not installed, and it is not needed: the build already wrote the MAML help to out/NetstatPS/en-US/ from docs/. Install platyPS 0.14 to cross-check that help with New-ExternalHelp.'
    }
    Test-HelpWithPlatyPS $platy
}

function Import-PSResourceGet {
    $module = Get-Module -ListAvailable -Name Microsoft.PowerShell.PSResourceGet | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $module) {
        throw 'Packaging needs Microsoft.PowerShell.PSResourceGet, which ships with PowerShell 7.4+: run the pinned one (dotnet tool restore; dotnet pwsh ./build.ps1 -Task Package).'
    }
    Import-Module $module -ErrorAction Stop
}

function New-NetstatPSPackage {
    # What Install-PSResource installs, made the way it is published: Publish-PSResource of the
    # module folder into a file repository. The repository is registered under a name no one else
    # uses and unregistered in finally, so the user's repository list ends as it began.
    Import-PSResourceGet
    $version = (Import-PowerShellDataFile (Join-Path $moduleDir 'NetstatPS.psd1')).ModuleVersion
    if (Test-Path $packageDir) { Remove-Item $packageDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Force $packageDir
    $repository = 'NetstatPS-build-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
    Register-PSResourceRepository -Name $repository -Uri $packageDir -Trusted
    try {
        Publish-PSResource -Path $moduleDir -Repository $repository -ErrorAction Stop
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    $package = Join-Path $packageDir "NetstatPS.$version.nupkg"
    if (-not (Test-Path -LiteralPath $package)) { throw "Publish-PSResource wrote no $package" }
    Write-Host ('Package: {0} ({1:N0} bytes)' -f $package, (Get-Item -LiteralPath $package).Length)
    return $package
}

switch ($Task) {
    'Build' { Build-NetstatPS }
    'Test' { Invoke-AllTests }
    'Docs' { Build-NetstatPS; Invoke-Docs }
    'Package' {
        Build-NetstatPS
        $platy = Get-PlatyPS
        if ($platy) { Test-HelpWithPlatyPS $platy }
        $null = New-NetstatPSPackage
    }
    'Run' {
        Build-NetstatPS
        $manifest = Join-Path $moduleDir 'NetstatPS.psd1'
        # Which processes hold which sockets: one row per process with its socket count and what it
        # listens on (netstat -tulpn's question), then the full table for the detail. (Out-Host ends
        # the first table: otherwise Out-Default lays the second out in the first one's -Wrap style.)
        $null = Invoke-PowerShellChild ("Import-Module '$manifest'; `$rows = Get-NetConnectionEx; " +
            "`$rows | Group-Object ProcessName | Sort-Object Count -Descending | Format-Table Count, " +
            "@{ Name = 'Process'; Expression = { if (`$_.Name) { `$_.Name } else { '(owner not visible)' } } }, " +
            "@{ Name = 'Listening on'; Expression = { (`$_.Group | Where-Object State -eq Listen | ForEach-Object { '{0} {1}' -f `$_.Proto, `$_.LocalEndpoint } | Select-Object -Unique) -join ', ' } } -Wrap | Out-Host; " +
            "`$rows")
    }
}
