@{
    # The one place the module version is defined: Directory.Build.props reads it from here and
    # stamps it on every assembly; the contract tests check both agree.
    ModuleVersion        = '0.1.0'
    RootModule           = 'NetstatPS.dll'
    GUID                 = 'cc3acb94-9dd3-48df-80c4-08ffb9296241'
    Author               = 'NetstatPS contributors'
    CompanyName          = 'NetstatPS contributors'
    Copyright            = '(c) NetstatPS contributors. MIT License.'
    Description          = 'netstat, ss, route print and TCPView as PowerShell objects: connections with owning processes, routes, interface and protocol statistics, read from the kernel''s own interfaces on Linux and Windows.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('NetstatPS.Format.ps1xml')
    TypesToProcess       = @('NetstatPS.Types.ps1xml')
    # Explicit lists: never export what does not exist, never wildcard (slow discovery, surprises).
    CmdletsToExport      = @('Get-NetConnectionEx', 'Get-NetRouteTable', 'Get-NetInterfaceStatistic', 'Get-NetProtocolStatistic', 'Close-NetConnectionEx')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('netstat', 'ss', 'network', 'tcp', 'udp', 'socket', 'route', 'statistics', 'Linux', 'Windows', 'PSEdition_Desktop', 'PSEdition_Core')
            # No ProjectUri or LicenseUri: the project has no public site yet (LICENSE ships in the module).
            # The build writes CHANGELOG.md's section for ModuleVersion here (out/NetstatPS/NetstatPS.psd1).
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
