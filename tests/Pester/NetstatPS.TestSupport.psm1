# Shared helpers for the NetstatPS Pester suite. Every *.Tests.ps1 imports this module in BeforeAll.
# The same files run in Linux pwsh and, on the Windows code path, in the win-x64 PowerShell host under
# wine64; what differs between the two is described once here (Get-NetstatPSTestPlatform) so that a
# test states its expectation per platform instead of testing for the OS itself.

Set-StrictMode -Version 3.0

function Get-NetstatPSTestManifest {
    <#
    The module under test:
    - $env:NETSTATPS_IMPORT_BY_NAME (the installed-copy layers set it to the folder Install-PSResource
      put the module in): the manifest module discovery finds for the name NetstatPS on
      $env:PSModulePath, which is what 'Import-Module NetstatPS' loads. It must be the only NetstatPS
      found and sit in that folder, or every test file fails here: the suite never runs against a
      copy it did not ask for (out/NetstatPS, another install).
    - else $env:NETSTATPS_MODULE_PATH (the Windows-path runner sets it);
    - else out/NetstatPS.
    #>
    if ($env:NETSTATPS_IMPORT_BY_NAME) {
        $found = @(Get-Module -ListAvailable -Name NetstatPS)
        $where = ($found | ForEach-Object { $_.Path }) -join ', '
        if ($found.Count -ne 1) {
            throw "NETSTATPS_IMPORT_BY_NAME: module discovery finds $($found.Count) NetstatPS modules on PSModulePath ($env:PSModulePath): $where; expected exactly the one installed in $env:NETSTATPS_IMPORT_BY_NAME."
        }
        $expected = [System.IO.Path]::GetFullPath($env:NETSTATPS_IMPORT_BY_NAME).TrimEnd('\', '/')
        if ([System.IO.Path]::GetFullPath($found[0].ModuleBase).TrimEnd('\', '/') -ne $expected) {
            throw "NETSTATPS_IMPORT_BY_NAME: Import-Module NetstatPS would load $where, not the copy installed in $expected."
        }
        return Join-Path $found[0].ModuleBase 'NetstatPS.psd1'
    }
    if ($env:NETSTATPS_MODULE_PATH) {
        $path = $env:NETSTATPS_MODULE_PATH
        if (Test-Path -PathType Container $path) { $path = Join-Path $path 'NetstatPS.psd1' }
        return $path
    }
    return Join-Path $PSScriptRoot '../../out/NetstatPS/NetstatPS.psd1'
}

function Get-NetstatPSTestPlatform {
    <#
    What this run can observe. Under Wine 8 every socket's owner PID is 0, there are no *Ex2 statistics,
    no GetIpInterfaceEntry (no interface metrics), no IPv6 or loopback routes, and the loopback MTU is
    65536; tests on that layer expect exactly that.
    #>
    $onWindows = [System.Runtime.InteropServices.RuntimeInformation]::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::Windows)
    $underWine = $false
    if ($onWindows) {
        $underWine = (Test-Path 'HKLM:\SOFTWARE\Wine') -or (Test-Path 'HKCU:\Software\Wine')
    }
    [pscustomobject]@{
        IsLinux        = -not $onWindows
        IsWindows      = $onWindows
        UnderWine      = $underWine
        # The owner this process's own sockets show: under Wine every owner PID is 0, which NetstatPS
        # (like netstat's "System Idle Process" rows) reports as no owner.
        OwnPid         = if ($underWine) { $null } else { $PID }
        OwnersVisible  = -not $underWine
        IsRoot         = (-not $onWindows) -and ((& id -u) -eq '0')
    }
}

function Get-TestNetworkAddress {
    <# The addresses tests/Pester/TestNetwork.sh gives a test namespace. #>
    [pscustomobject]@{
        LongIPv6 = 'fd00:1234:5678:9abc:def0:1234:5678:9abc'
        VethIPv4 = '192.0.2.1'
        VethIPv6 = 'fd00:5ec::1'
        Gateway  = '192.0.2.254'
    }
}

function Get-CompletionText {
    <# What TabExpansion2 offers with the cursor at the end of $Line. #>
    param([Parameter(Mandatory)] [string] $Line)
    @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
}

function Skip-TestUnless {
    <#
    Ends the current It as skipped, with the reason in Pester's output, unless $Condition holds. Used
    for what one platform cannot show (an iproute2 oracle on Windows, owner PIDs under Wine), never to
    hide a failure.
    #>
    param([Parameter(Mandatory)] [bool] $Condition, [Parameter(Mandatory)] [string] $Because)
    if (-not $Condition) { Set-ItResult -Skipped -Because $Because }
}

function Get-ErrorFrom {
    <# The error record a command throws (binding errors and terminating errors), or $null. #>
    param([Parameter(Mandatory)] [scriptblock] $Script)
    try {
        $null = & $Script
        return $null
    }
    catch {
        return $_
    }
}

function New-SocketProbe {
    <#
    Opens, in this process: a TCP listener and an established pair on 127.0.0.1, a bound UDP socket on
    127.0.0.1, and on ::1 a TCP listener and a UDP socket. Returns their ports; .Dispose() closes all.
    #>
    $probe = [ordered]@{}
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $client = [System.Net.Sockets.TcpClient]::new([System.Net.Sockets.AddressFamily]::InterNetwork)
    $client.Connect([System.Net.IPAddress]::Loopback, $listener.LocalEndpoint.Port)
    $accepted = $listener.AcceptTcpClient()
    $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
    $listener6 = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::IPv6Loopback, 0)
    $listener6.Start()
    $udp6 = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::IPv6Loopback, 0))

    $probe.ListenPort = $listener.LocalEndpoint.Port
    $probe.ClientPort = $client.Client.LocalEndPoint.Port
    $probe.UdpPort = $udp.Client.LocalEndPoint.Port
    $probe.Listen6Port = $listener6.LocalEndpoint.Port
    $probe.Udp6Port = $udp6.Client.LocalEndPoint.Port
    $probe.Disposables = @($client, $accepted, $udp, $udp6)
    $probe.Listeners = @($listener, $listener6)
    $object = [pscustomobject]$probe
    $object | Add-Member -MemberType ScriptMethod -Name Dispose -Value {
        foreach ($d in $this.Disposables) { $d.Dispose() }
        foreach ($l in $this.Listeners) { $l.Stop() }
    }
    return $object
}

function Invoke-PwshInNetworkNamespace {
    <#
    Runs $Setup (bash, as root) in a new network and mount namespace, then this same PowerShell (the
    module imported from Get-NetstatPSTestManifest, this module for its helpers) on $Script inside it,
    so a test can see the module against routes, rules and files (a tmpfs over /etc/iproute2) it made
    itself without touching the host's. $Script finds the results directory in $args[0] and writes
    files there; bash may too ($OUT). Returns that directory. Throws with both outputs when either fails.
    #>
    param([Parameter(Mandatory)] [string] $Setup, [Parameter(Mandatory)] [string] $Script)
    $out = Join-Path ([System.IO.Path]::GetTempPath()) ('nsps-pester-netns-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory $out
    $self = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $pwsh = if ([System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { "'$self' '$(Join-Path $PSHOME 'pwsh.dll')'" } else { "'$self'" }
    $prologue = "Import-Module '$(Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1')'; Import-Module '$(Get-NetstatPSTestManifest)'`n"
    Set-Content -Path (Join-Path $out 'script.ps1') -Value ($prologue + $Script)
    Set-Content -Path (Join-Path $out 'setup.sh') -Value ("set -eu`n" + $Setup + "`n$pwsh -NoProfile -NonInteractive -File '$out/script.ps1' '$out' > '$out/pwsh.log' 2>&1`n")
    $env:OUT = $out
    try {
        $log = & unshare -n -m bash (Join-Path $out 'setup.sh') 2>&1
        $code = $LASTEXITCODE
    }
    finally {
        Remove-Item Env:OUT
    }
    if ($code -ne 0) {
        $pwshLog = if (Test-Path "$out/pwsh.log") { Get-Content -Raw "$out/pwsh.log" } else { '' }
        throw "The namespace run failed ($code): $($log -join "`n")`n$pwshLog"
    }
    return $out
}

Export-ModuleMember -Function Skip-TestUnless, Get-TestNetworkAddress, Get-NetstatPSTestManifest, Get-NetstatPSTestPlatform, Get-CompletionText, Get-ErrorFrom, New-SocketProbe, Invoke-PwshInNetworkNamespace
