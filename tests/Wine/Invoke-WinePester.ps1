<#
.SYNOPSIS
    Runs the Pester tests on the module's Windows code path: the real PowerShell engine, hosted by
    nsps-pwsh.exe (tests/NetstatPS.WindowsPowerShellHost, win-x64 over Microsoft.PowerShell.SDK),
    under wine64 in a private network namespace.

.DESCRIPTION
    Runs on Linux, as root (or where unprivileged user namespaces are allowed: then 'unshare -rn').
    1. Publishes nsps-pwsh self-contained for win-x64 into out/wine-pwsh/<hash>/, the hash taken over
       the host's project and sources and the build props they inherit, so a second run reuses it.
       The publish runs on a copy of those files in a temporary folder, so its win-x64 restore never
       touches the repository's obj/ folders.
    2. Creates a fresh WINEPREFIX in a temporary folder and, inside 'unshare -n' with the network of
       tests/Pester/TestNetwork.sh (lo up with a long IPv6 address; a veth pair nsps0/nsps1 with
       192.0.2.1/24, fd00:5ec::1/64 and a default route via 192.0.2.254; both ends in the namespace,
       so nothing leaves it), runs tests/Pester/Invoke-NetstatPSPester.ps1 in nsps-pwsh.exe: Pester 5.9.1 from the NuGet packages folder,
       Invoke-Pester on -TestPath. Inside, $IsWindows is true, so the tests take their Windows
       branches against Wine's iphlpapi. Pester's output (and its own "Tests Passed: N, Failed: M,
       ..." line) streams to this console.
    3. Stops the prefix's wineserver, deletes the prefix, writes the counts to -ResultPath, prints
       'wine-pester: passed N, failed M, skipped K' and exits 0 only when every test passed.

    A run that breaks (no counts written, wine exits badly) or hangs past -TimeoutSeconds is a
    failure: the script says which, with the tail of the output, and exits non-zero.

    -ResultPath is a small JSON file (the driver's):
      { "result": "Passed"|"Failed", "passed": N, "failed": N, "skipped": N, "inconclusive": N,
        "notRun": N, "total": N, "failedBlocks": N, "failedContainers": N, "durationSeconds": S,
        "failedTests": [ { "name": "Describe.It", "message": "..." } ], "failedBlockNames": [ ... ],
        "wineExitCode": N, "timedOut": false, "width": 120 }
    -NUnitPath additionally asks Pester for its NUnit XML report.

    With -InstallFrom (a .nupkg), the tests run against an installed copy instead of -ModulePath:
    in the same fresh prefix (the private Windows user profile), nsps-pwsh.exe first runs
    tests/Package/Install-FromLocalRepository.ps1 (PSResourceGet from the pinned PowerShell's own
    win Modules folder, imported by path since the SDK host has none: a local repository, the
    package published into it, Install-PSResource -Scope CurrentUser), then a second, fresh
    nsps-pwsh.exe runs the suite with NETSTATPS_IMPORT_BY_NAME set to the installed folder, so the
    module is found by name. The result JSON then has "install": the installer's own JSON (installed,
    version, moduleBase, step and error when PSResourceGet failed under Wine).

.PARAMETER ModulePath
    The built module folder (out/NetstatPS by default). It must hold NetstatPS.psd1. The tests import it
    through $env:NETSTATPS_MODULE_PATH (a Windows path), which NetstatPS.TestSupport.psm1 reads.

.PARAMETER InstallFrom
    A NetstatPS .nupkg (build.ps1 -Task Package): install it with PSResourceGet under Wine and test
    that installed copy, found by name, instead of -ModulePath.

.PARAMETER TestPath
    A *.Tests.ps1 file or a folder of them (tests/Pester by default).

.PARAMETER ResultPath
    Where the counts JSON goes (out/wine-pester.json by default).

.PARAMETER Width
    The columns the host's RawUI reports (BufferSize and WindowSize), which Format-* to the host and
    Out-String without -Width render at. 120 by default; 80 for the design's narrow terminal.

.PARAMETER TimeoutSeconds
    The whole Wine run (prefix creation, engine start, every test) is killed after this long.

.EXAMPLE
    dotnet pwsh -NoProfile -File tests/Wine/Invoke-WinePester.ps1

.EXAMPLE
    dotnet pwsh -NoProfile -File tests/Wine/Invoke-WinePester.ps1 -Width 80 -TestPath tests/Pester/GetNetRouteTable.Tests.ps1
#>
[CmdletBinding()]
param(
    [string] $ModulePath,
    [string] $InstallFrom,
    [string] $TestPath,
    [string] $ResultPath,
    [ValidateRange(20, 10000)] [int] $Width = 120,
    [string] $NUnitPath,
    [ValidateSet('Normal', 'Detailed', 'Diagnostic')] [string] $Verbosity = 'Detailed',
    [ValidateRange(30, 86400)] [int] $TimeoutSeconds = 1200
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Wine = '/usr/lib/wine/wine64'
$WineServer = '/usr/lib/wine/wineserver'
$PesterVersion = '5.9.1'
$RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
if (-not $ModulePath) { $ModulePath = Join-Path $RepoRoot 'out/NetstatPS' }
if (-not $TestPath) { $TestPath = Join-Path $RepoRoot 'tests/Pester' }
if (-not $ResultPath) { $ResultPath = Join-Path $RepoRoot 'out/wine-pester.json' }

function ConvertTo-WinePath([string] $Path) {
    # Wine maps Z: to the Linux root.
    'Z:' + ([System.IO.Path]::GetFullPath($Path) -replace '/', '\')
}

function ConvertTo-ShQuoted([string] $Text) {
    "'" + ($Text -replace "'", "'\''") + "'"
}

function Get-NuGetPackagesFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = & dotnet nuget locals global-packages --list 2>$null | Select-Object -First 1
    if ($line -match 'global-packages:\s*(.+)$') { return $Matches[1].Trim() }
    return Join-Path $HOME '.nuget/packages'
}

function Invoke-Captured([string] $File, [string[]] $Arguments) {
    # dotnet test exports MSBuild* variables that would point a nested build at the outer one.
    $saved = @{}
    foreach ($name in @(Get-ChildItem env: | Where-Object Name -like 'MSBuild*' | ForEach-Object Name)) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
    try {
        $output = & $File @Arguments 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output -join [Environment]::NewLine) }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

function Get-PesterManifest {
    $manifest = Join-Path (Get-NuGetPackagesFolder) "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        Write-Host "wine-pester: restoring Pester $PesterVersion (tests/NetstatPS.PesterTools)"
        $r = Invoke-Captured dotnet @('restore', (Join-Path $RepoRoot 'tests/NetstatPS.PesterTools/NetstatPS.PesterTools.csproj'))
        if ($r.ExitCode -ne 0 -or -not (Test-Path $manifest)) {
            throw "Pester $PesterVersion is not at $manifest and restoring it failed:`n$($r.Output)"
        }
    }
    $manifest
}

function Get-HostInputs {
    # Everything that decides what the publish produces; NetstatPS.psd1 is copied too (the props read
    # ModuleVersion from it) but only stamps a version, so it does not invalidate the cache.
    $project = Join-Path $RepoRoot 'tests/NetstatPS.WindowsPowerShellHost'
    $files = @(Get-ChildItem -LiteralPath $project -File | Where-Object { $_.Extension -in '.cs', '.csproj' } | Sort-Object Name | ForEach-Object FullName)
    $files += Join-Path $RepoRoot 'Directory.Build.props'
    $files += Join-Path $RepoRoot 'tests/Directory.Build.props'
    $files += Join-Path $RepoRoot 'global.json'
    $files
}

function Get-HostHash([string[]] $Files) {
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try {
        $stream = [System.IO.MemoryStream]::new()
        foreach ($file in $Files) {
            $name = [System.Text.Encoding]::UTF8.GetBytes([System.IO.Path]::GetRelativePath($RepoRoot, $file) + "`0")
            $stream.Write($name, 0, $name.Length)
            $bytes = [System.IO.File]::ReadAllBytes($file)
            $stream.Write($bytes, 0, $bytes.Length)
        }
        ([System.BitConverter]::ToString($sha.ComputeHash($stream.ToArray())) -replace '-', '').Substring(0, 16).ToLowerInvariant()
    }
    finally {
        $sha.Dispose()
    }
}

function Publish-WineHost {
    $files = Get-HostInputs
    $hash = Get-HostHash $files
    $cacheRoot = Join-Path $RepoRoot 'out/wine-pwsh'
    $target = Join-Path $cacheRoot $hash
    if (Test-Path (Join-Path $target '.complete')) {
        Write-Host "wine-pester: host nsps-pwsh $hash (cached in out/wine-pwsh)"
        return $target
    }

    Write-Host "wine-pester: publishing nsps-pwsh for win-x64 ($hash) ..."
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ('nsps-wine-publish-' + [guid]::NewGuid().ToString('N'))
    try {
        foreach ($file in $files + (Join-Path $RepoRoot 'NetstatPS.psd1')) {
            $copy = Join-Path $work ([System.IO.Path]::GetRelativePath($RepoRoot, $file))
            New-Item -ItemType Directory -Force -Path (Split-Path $copy) | Out-Null
            Copy-Item -LiteralPath $file -Destination $copy
        }
        $partial = Join-Path $work 'publish'
        $project = Join-Path $work 'tests/NetstatPS.WindowsPowerShellHost/NetstatPS.WindowsPowerShellHost.csproj'
        $env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
        $env:DOTNET_NOLOGO = '1'
        $r = Invoke-Captured dotnet @('publish', $project, '-c', 'Release', '-o', $partial, '-nodeReuse:false', '-p:UseSharedCompilation=false')
        foreach ($expected in 'nsps-pwsh.exe', 'pwsh.exe', 'System.Management.Automation.dll', 'Modules/Microsoft.PowerShell.Utility/Microsoft.PowerShell.Utility.psd1') {
            if ($r.ExitCode -ne 0 -or -not (Test-Path (Join-Path $partial $expected))) {
                throw "dotnet publish of nsps-pwsh failed (exit $($r.ExitCode); looked for $expected):`n$($r.Output)"
            }
        }
        New-Item -ItemType Directory -Force -Path $cacheRoot | Out-Null
        foreach ($old in Get-ChildItem -LiteralPath $cacheRoot -Directory | Where-Object Name -ne $hash) {
            Remove-Item -LiteralPath $old.FullName -Recurse -Force -ErrorAction SilentlyContinue
        }
        if (Test-Path $target) { Remove-Item -LiteralPath $target -Recurse -Force }
        Move-Item -LiteralPath $partial -Destination $target
        Set-Content -LiteralPath (Join-Path $target '.complete') -Value $hash
        Write-Host ("wine-pester: published in {0:N0} s" -f $watch.Elapsed.TotalSeconds)
        $target
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# --- preconditions: every one of them is a clear failure, never a silent skip ---------------------
if (-not $IsLinux) { throw 'Invoke-WinePester.ps1 runs on Linux (it drives wine64 in a network namespace).' }
foreach ($tool in $Wine, $WineServer) {
    if (-not (Test-Path $tool)) { throw "$tool is missing: install Debian's wine64 package." }
}
foreach ($tool in 'unshare', 'ip', 'timeout', 'bash') {
    if (-not (Get-Command $tool -CommandType Application -ErrorAction SilentlyContinue)) { throw "$tool is missing (util-linux, iproute2, coreutils, bash)." }
}
$ModulePath = (Resolve-Path $ModulePath).Path
if (-not (Test-Path (Join-Path $ModulePath 'NetstatPS.psd1'))) {
    throw "No NetstatPS.psd1 in ${ModulePath}: build first (dotnet build NetstatPS.sln -c Release)."
}
$TestPath = (Resolve-Path $TestPath).Path
$psResourceGet = $null
if ($InstallFrom) {
    $InstallFrom = (Resolve-Path $InstallFrom).Path
    # The pinned PowerShell tool package carries the win-x64 modules beside its unix ones.
    $toolVersion = (Get-Content -Raw (Join-Path $RepoRoot '.config/dotnet-tools.json') | ConvertFrom-Json).tools.powershell.version
    $psResourceGet = Join-Path (Get-NuGetPackagesFolder) "powershell/$toolVersion/tools/net10.0/any/win/Modules/Microsoft.PowerShell.PSResourceGet"
    if (-not (Test-Path (Join-Path $psResourceGet 'Microsoft.PowerShell.PSResourceGet.psd1'))) {
        throw "No PSResourceGet for Windows at ${psResourceGet}: run 'dotnet tool restore' (PowerShell $toolVersion)."
    }
}

$pester = Get-PesterManifest
$publish = Publish-WineHost

# --- the run --------------------------------------------------------------------------------------
$work = Join-Path ([System.IO.Path]::GetTempPath()) ('nsps-wine-pester-' + [guid]::NewGuid().ToString('N'))
$prefix = Join-Path $work 'prefix'
New-Item -ItemType Directory -Force -Path $prefix | Out-Null
$counts = Join-Path $work 'counts.json'
$log = Join-Path $work 'output.txt'
$rcFile = Join-Path $work 'wine-rc'
$installResult = Join-Path $work 'install.json'
$installedIn = Join-Path $work 'installed-in.txt'

$driverArgs = @(
    '-File', (ConvertTo-WinePath (Join-Path $PSScriptRoot '../Pester/Invoke-NetstatPSPester.ps1')),
    '-PesterManifest', (ConvertTo-WinePath $pester),
    '-TestPath', (ConvertTo-WinePath $TestPath),
    '-CountsPath', (ConvertTo-WinePath $counts),
    '-Verbosity', $Verbosity
)
if (-not $InstallFrom) { $driverArgs += '-ModulePath', (ConvertTo-WinePath $ModulePath) }
if ($NUnitPath) { $driverArgs += '-NUnitPath', (ConvertTo-WinePath $NUnitPath) }
$exe = Join-Path $publish 'nsps-pwsh.exe'
$wineCommand = (@($Wine, $exe) + $driverArgs | ForEach-Object { ConvertTo-ShQuoted $_ }) -join ' '
# With -InstallFrom: install first (its own nsps-pwsh.exe), then run the tests in a fresh one that
# finds the module by name. HOME is private so Wine's profile folders never link into the real one,
# and the Linux PSModulePath is dropped so the host computes a Windows user's default.
$installStep = ''
if ($InstallFrom) {
    $installArgs = @(
        '-File', (ConvertTo-WinePath (Join-Path $RepoRoot 'tests/Package/Install-FromLocalRepository.ps1')),
        '-PackagePath', (ConvertTo-WinePath $InstallFrom),
        '-RepositoryPath', (ConvertTo-WinePath (Join-Path $work 'repository')),
        '-ResultPath', (ConvertTo-WinePath $installResult),
        '-ModuleBaseFile', (ConvertTo-WinePath $installedIn),
        '-PSResourceGetPath', (ConvertTo-WinePath $psResourceGet)
    )
    $installCommand = (@($Wine, $exe) + $installArgs | ForEach-Object { ConvertTo-ShQuoted $_ }) -join ' '
    $installStep = @"
export HOME=$(ConvertTo-ShQuoted (Join-Path $work 'home'))
mkdir -p "`$HOME"
unset PSModulePath XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME
timeout -k 15 600 $installCommand < /dev/null 2>&1 | grep --line-buffered -v -e '^wine: configuration in ' -e '^wine: failed to open .*rundll32' -e '^wine: Read access denied for device'
[ -s $(ConvertTo-ShQuoted $installedIn) ] || { echo 'wine-pester: nothing was installed, so no tests run' >&2; exit 0; }
export NETSTATPS_IMPORT_BY_NAME="`$(tr -d '\r\n' < $(ConvertTo-ShQuoted $installedIn))"
"@
}

# timeout(1) bounds the Wine run; the engine's own output goes to this console and to output.txt.
$script = @"
set -u
# lo, a long IPv6 address and a veth pair with a default route: the network every Pester layer's
# namespace gets (tests/Pester/TestNetwork.sh).
sh $(ConvertTo-ShQuoted (Join-Path $PSScriptRoot '../Pester/TestNetwork.sh')) ||
  { echo 'wine-pester: could not set up the test network in the namespace (tests/Pester/TestNetwork.sh)' >&2; exit 98; }
export WINEPREFIX=$(ConvertTo-ShQuoted $prefix) WINEDEBUG=-all WINEDLLOVERRIDES='mshtml=' DOTNET_EnableWriteXorExecute=0 NSPS_PWSH_WIDTH=$Width
unset DISPLAY WAYLAND_DISPLAY
$installStep
{ timeout -k 15 $TimeoutSeconds $wineCommand < /dev/null; echo `$? > $(ConvertTo-ShQuoted $rcFile); } 2>&1 | grep --line-buffered -v -e '^wine: configuration in ' -e '^wine: failed to open .*rundll32' -e '^wine: Read access denied for device' | tee $(ConvertTo-ShQuoted $log)
timeout 60 $WineServer -k 2>/dev/null
exit 0
"@
$scriptPath = Join-Path $work 'run.sh'
Set-Content -LiteralPath $scriptPath -Value $script -NoNewline

[string[]] $unshare = if ((& id -u) -eq '0') { @('-n') } else { @('-r', '-n') }
Write-Host "wine-pester: running $TestPath in nsps-pwsh.exe under wine64 (width $Width, timeout $TimeoutSeconds s)"
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$wineExit = $null
$unshareExit = $null
$timedOut = $false
$result = $null
$install = $null
$tail = @()
try {
    & unshare @unshare bash $scriptPath
    $unshareExit = $LASTEXITCODE
    if (Test-Path $rcFile) { $wineExit = [int](Get-Content -LiteralPath $rcFile -Raw).Trim() }
    $timedOut = $wineExit -in 124, 137
    $result = if (Test-Path $counts) { Get-Content -LiteralPath $counts -Raw | ConvertFrom-Json } else { $null }
    $install = if (Test-Path $installResult) { Get-Content -LiteralPath $installResult -Raw | ConvertFrom-Json } else { $null }
    $tail = if (Test-Path $log) { @(Get-Content -LiteralPath $log -Tail 40) } else { @() }
}
finally {
    # Again in case the script died before its own wineserver -k; then the prefix goes.
    $env:WINEPREFIX = $prefix
    & timeout 60 $WineServer -k 2>$null
    Remove-Item env:WINEPREFIX
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
$elapsed = $watch.Elapsed.TotalSeconds

# --- verdict ------------------------------------------------------------------------------------------
$problems = @()
if ($unshareExit -ne 0) { $problems += "unshare -n exited $unshareExit (is this root, or are user namespaces allowed?)" }
if ($timedOut) { $problems += "the Wine run was killed after $TimeoutSeconds s: it hung (the output above shows where)" }
elseif ($null -eq $wineExit) { $problems += 'wine64 never finished (no exit code recorded)' }
elseif ($wineExit -notin 0, 1) { $problems += "nsps-pwsh.exe exited $wineExit (2 = the Pester run broke; other = the engine or Wine failed)" }
if ($InstallFrom -and $null -eq $install) { $problems = @('the installer (tests/Package/Install-FromLocalRepository.ps1) wrote no result under Wine') }
elseif ($InstallFrom -and -not $install.installed) { $problems = @("PSResourceGet under Wine failed at $($install.step): $($install.error)") }
elseif ($null -eq $result) { $problems += 'the driver wrote no counts' }

$summary = [ordered]@{}
if ($result) { foreach ($p in $result.PSObject.Properties) { $summary[$p.Name] = $p.Value } }
$summary['wineExitCode'] = $wineExit
$summary['timedOut'] = $timedOut
$summary['width'] = $Width
$summary['problems'] = $problems
$summary['wallSeconds'] = [math]::Round($elapsed, 1)
if ($InstallFrom) { $summary['install'] = $install }
New-Item -ItemType Directory -Force -Path (Split-Path ([System.IO.Path]::GetFullPath($ResultPath))) | Out-Null
$summary | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $ResultPath -Encoding utf8

if ($problems -and $tail) {
    Write-Host 'wine-pester: the last lines of the run:'
    $tail | ForEach-Object { Write-Host "  | $_" }
}
foreach ($problem in $problems) { Write-Host "wine-pester: FAILED: $problem" }
if ($result) {
    foreach ($t in $result.failedTests) { Write-Host "wine-pester: failed: $($t.name)" }
    foreach ($b in $result.failedBlockNames) { Write-Host "wine-pester: failed block: $b" }
    # A file whose discovery failed has no tests to count: it shows up as a failed block above and
    # in the exit code, not in this line.
    $failed = [int]$result.failed
    Write-Host ("wine-pester: {0:N0} s in Wine; counts in {1}" -f $elapsed, $ResultPath)
    # Not the "N passed, N failed, N skipped" shape: build.ps1 prints that once, over every layer.
    Write-Host "wine-pester: passed $($result.passed), failed $failed, skipped $($result.skipped)"
}
if ($problems -or -not $result -or $result.result -ne 'Passed') { exit 1 }
exit 0
