<#
.SYNOPSIS
    Renders every default view of NetstatPS, live and after a CLIXML round trip, at 80 and 120
    columns, into text files that Views.Tests.ps1 asserts on.

.DESCRIPTION
    Runs where the test network of TestNetwork.sh exists: on Linux, Views.Tests.ps1 starts it in a
    fresh pwsh inside 'unshare -n'; on the Windows code path the Wine runner's namespace already has
    that network, and Views.Tests.ps1 calls this script in its own process.

    The probe: on Linux a child process with a known name (nsps-testhost, started through a link
    named nsps-probe) holding a TCP listener on 127.0.0.1, TCP listeners and established pairs on ::1
    and on the long IPv6 address, and UDP sockets on 127.0.0.1 and ::1; on the Windows code path the
    same sockets opened in this process (Wine gives no owner PIDs, so there is no name to show).
    On Linux the probe also holds Unix sockets (a listener on a path longer than the 80-column
    Local Address column, its accepted connection and client, an abstract listener, a socketpair)
    and a raw ICMP socket, for the unix and raw views, which only Linux has.
    Writes probe.json (ports, pid, name), NAME-80.txt, NAME-120.txt, NAME-80-remote.txt,
    NAME-120-remote.txt and NAME.clixml for each view. Stops the probe by its PID.
#>
param(
    [Parameter(Mandatory)] [string] $OutDir,
    [string] $ProbeCommand
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
Import-Module (Get-NetstatPSTestManifest) -Force
$long = (Get-TestNetworkAddress).LongIPv6

$specs = @('tcp-listen:127.0.0.1', 'tcp-pair:::1', "tcp-pair:$long", 'udp:127.0.0.1', 'udp:::1')
$probe = $null
$held = @()
$unixDir = Join-Path $OutDir 'longer-than-the-column'
if ($ProbeCommand) {
    $null = New-Item -ItemType Directory -Path $unixDir
    $specs += "unix-stream:$(Join-Path $unixDir 'view.sock')", 'unix-abstract:nsps-view', 'unix-pair', 'raw-icmp:127.0.0.1'
    $psi = [System.Diagnostics.ProcessStartInfo]::new($ProbeCommand)
    $psi.ArgumentList.Add('hold')
    foreach ($s in $specs) { $psi.ArgumentList.Add($s) }
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $probe = [System.Diagnostics.Process]::Start($psi)
    $description = $probe.StandardOutput.ReadLine() | ConvertFrom-Json
    $info = [ordered]@{ ProcessId = $description.ProcessId; Name = [System.IO.Path]::GetFileName($ProbeCommand); Sockets = $description.Sockets; UnixSockets = $description.UnixSockets }
}
else {
    $sockets = foreach ($spec in $specs) {
        $kind, $text = $spec -split ':', 2
        $address = [System.Net.IPAddress]::Parse($text)
        if ($kind -eq 'udp') {
            $u = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new($address, 0))
            $held += $u
            [pscustomobject]@{ Protocol = 'Udp'; LocalAddress = $text; LocalPort = $u.Client.LocalEndPoint.Port; RemotePort = 0; State = 'Listen' }
            continue
        }
        $l = [System.Net.Sockets.TcpListener]::new($address, 0)
        $l.Start()
        $held += $l
        [pscustomobject]@{ Protocol = 'Tcp'; LocalAddress = $text; LocalPort = $l.LocalEndpoint.Port; RemotePort = 0; State = 'Listen' }
        if ($kind -eq 'tcp-pair') {
            $c = [System.Net.Sockets.TcpClient]::new($address.AddressFamily)
            $c.Connect($address, $l.LocalEndpoint.Port)
            $a = $l.AcceptTcpClient()
            $held += $c, $a
            [pscustomobject]@{ Protocol = 'Tcp'; LocalAddress = $text; LocalPort = $c.Client.LocalEndPoint.Port; RemotePort = $l.LocalEndpoint.Port; State = 'Established' }
            [pscustomobject]@{ Protocol = 'Tcp'; LocalAddress = $text; LocalPort = $l.LocalEndpoint.Port; RemotePort = $c.Client.LocalEndPoint.Port; State = 'Established' }
        }
    }
    $info = [ordered]@{ ProcessId = $null; Name = $null; Sockets = @($sockets) }
}

try {
    $info | ConvertTo-Json -Depth 4 | Set-Content (Join-Path $OutDir 'probe.json')
    $watchSide = {
        # During the -Watch run, a listener on the long address appears and goes away again.
        param($address)
        Start-Sleep -Milliseconds 700
        $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Parse($address), 0)
        $l.Start()
        Start-Sleep -Milliseconds 1500
        $l.Stop()
    }
    $views = [ordered]@{
        connections = { Get-NetConnectionEx }
        tcpinfo     = { Get-NetConnectionEx -IncludeTcpInfo -State Established }
        socketmemory = { Get-NetConnectionEx -IncludeSocketMemory }
        resolved    = { Get-NetConnectionEx -ResolveHostName -State Listen }
        interval    = { Get-NetConnectionEx -Interval 0.3 -Count 2 -State Listen -LocalAddress 127.0.0.1 }
        watch       = {
            $side = [powershell]::Create().AddScript($watchSide).AddArgument($long)
            $async = $side.BeginInvoke()
            Get-NetConnectionEx -Watch -Interval 0.4 -Count 8 -Protocol Tcp -State Listen
            $null = $side.EndInvoke($async)
            $side.Dispose()
        }
        routes      = { Get-NetRouteTable }
        interfaces  = { Get-NetInterfaceStatistic }
        multicast   = { Get-NetInterfaceStatistic -MulticastGroup }
        protocols   = { Get-NetProtocolStatistic }
        protocolinterval = { Get-NetProtocolStatistic -Protocol TCP, UDP -Interval 0.3 -Count 2 }
    }
    if ($ProbeCommand) {
        # Unix and raw sockets: Linux only (Windows refuses -Protocol Unix and Raw).
        $views.unix = { Get-NetConnectionEx -Protocol Unix -ProcessId $info.ProcessId }
        $views.raw = { Get-NetConnectionEx -Protocol Raw }
    }
    foreach ($name in $views.Keys) {
        $objects = @(& $views[$name] 3>$null)
        $xml = Join-Path $OutDir "$name.clixml"
        $objects | Export-Clixml -Path $xml
        $back = @(Import-Clixml -Path $xml)
        foreach ($width in 80, 120) {
            $objects | Out-String -Width $width | Set-Content -NoNewline (Join-Path $OutDir "$name-$width.txt")
            $back | Out-String -Width $width | Set-Content -NoNewline (Join-Path $OutDir "$name-$width-remote.txt")
        }
    }
}
finally {
    if ($probe) {
        # Closing its stdin ends nsps-testhost hold; the PID is ours to stop if it does not.
        $probe.StandardInput.Close()
        if (-not $probe.WaitForExit(5000)) { Stop-Process -Id $probe.Id -Force }
    }
    foreach ($h in $held) {
        if ($h -is [System.Net.Sockets.TcpListener]) { $h.Stop() } else { $h.Dispose() }
    }
}
