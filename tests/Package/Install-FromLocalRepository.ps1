<#
.SYNOPSIS
    Installs NetstatPS from its package the way a user without a gallery does: a local file
    repository, the package published into it, Install-PSResource from it into the user's own
    module folder (-Scope CurrentUser).

.DESCRIPTION
    Runs in the PowerShell whose user it installs for: Linux pwsh (build.ps1 starts it with a
    temporary HOME, so "the user's own module folder" is a private one) or nsps-pwsh.exe under Wine
    (tests/Wine/Invoke-WinePester.ps1 -InstallFrom; the fresh Wine prefix is the private profile).
    The steps are the README's: Register-PSResourceRepository -Trusted on -RepositoryPath (a folder
    this run made), Publish-PSResource -NupkgPath (the .nupkg build.ps1 -Task Package made),
    Install-PSResource NetstatPS -Repository it -TrustRepository. The repository is registered
    under a unique name and unregistered at the end.

    Writes -ResultPath (JSON): installed (bool), version, installedLocation (the module folder the
    copy went into: a folder on the default PSModulePath), moduleBase, psResourceGetVersion, and
    on failure step (the command that failed) and error. Exits 0 when NetstatPS is installed, 1
    otherwise.

.PARAMETER ModuleBaseFile
    Also write the installed module folder alone to this file, for a shell script to read.

.PARAMETER PSResourceGetPath
    The Microsoft.PowerShell.PSResourceGet module folder to import, for a PowerShell that does not
    have it in $PSHOME (the SDK host under Wine); by default it is imported by name.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PackagePath,
    [Parameter(Mandatory)] [string] $RepositoryPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $PSResourceGetPath,
    [string] $ModuleBaseFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$result = [ordered]@{
    installed            = $false
    version              = $null
    installedLocation    = $null
    moduleBase           = $null
    psResourceGetVersion = $null
    step                 = 'Import-Module Microsoft.PowerShell.PSResourceGet'
    error                = $null
}
try {
    $psResourceGet = if ($PSResourceGetPath) { Import-Module $PSResourceGetPath -PassThru } else { Import-Module Microsoft.PowerShell.PSResourceGet -PassThru }
    $result.psResourceGetVersion = "$($psResourceGet.Version)"

    $null = New-Item -ItemType Directory -Force -Path $RepositoryPath
    $repository = 'NetstatPS-test-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
    $result.step = "Register-PSResourceRepository -Name $repository -Uri $RepositoryPath -Trusted"
    Register-PSResourceRepository -Name $repository -Uri $RepositoryPath -Trusted
    try {
        $result.step = "Publish-PSResource -NupkgPath $PackagePath -Repository $repository"
        Publish-PSResource -NupkgPath $PackagePath -Repository $repository
        $result.step = "Install-PSResource NetstatPS -Repository $repository -TrustRepository -Scope CurrentUser"
        Install-PSResource -Name NetstatPS -Repository $repository -TrustRepository -Scope CurrentUser
        $result.step = 'Get-InstalledPSResource NetstatPS -Scope CurrentUser'
        $installed = @(Get-InstalledPSResource -Name NetstatPS -Scope CurrentUser)
        if ($installed.Count -ne 1) { throw "expected one installed NetstatPS, found $($installed.Count)" }
        $result.version = "$($installed[0].Version)"
        $result.installedLocation = $installed[0].InstalledLocation
        $result.moduleBase = Join-Path (Join-Path $installed[0].InstalledLocation 'NetstatPS') $result.version
        if (-not (Test-Path -LiteralPath (Join-Path $result.moduleBase 'NetstatPS.psd1'))) {
            throw "Install-PSResource reported $($result.moduleBase), which holds no NetstatPS.psd1"
        }
        $result.installed = $true
        $result.step = $null
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
}
catch {
    $result.error = "$($_.Exception.GetType().FullName): $($_.Exception.Message)"
}

$result | ConvertTo-Json | Set-Content -LiteralPath $ResultPath -Encoding utf8
if ($result.installed) {
    if ($ModuleBaseFile) { Set-Content -LiteralPath $ModuleBaseFile -Value $result.moduleBase -NoNewline }
    Write-Host "install: NetstatPS $($result.version) installed in $($result.moduleBase) (PSResourceGet $($result.psResourceGetVersion))"
    exit 0
}
Write-Host "install: FAILED at $($result.step): $($result.error)"
exit 1
