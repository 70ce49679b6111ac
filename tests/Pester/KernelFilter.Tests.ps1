#Requires -Version 5.1
# Pester 5: the port and address filters give the same rows however they are applied. On Linux they run
# in the kernel (INET_DIAG_REQ_BYTECODE); with more values than one kernel filter holds they run here,
# and -Verbose says so once. Through real binding, on this process's own loopback sockets.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
    Import-Module (Get-NetstatPSTestManifest) -Force
    $script:platform = Get-NetstatPSTestPlatform
    $script:probe = New-SocketProbe
    $script:key = { '{0} {1}:{2} {3}:{4} {5}' -f $_.Protocol, $_.LocalAddress, $_.LocalPort, $_.RemoteAddress, $_.RemotePort, $_.State }
}

AfterAll {
    $script:probe.Dispose()
}

Describe 'Get-NetConnectionEx port and address filters' {
    It 'finds the probe by port and address, v4 and v6, TCP and UDP' {
        $rows = @(Get-NetConnectionEx -LocalPort $probe.ListenPort, $probe.UdpPort, $probe.Listen6Port, $probe.Udp6Port -LocalAddress 127.0.0.0/8, ::1)
        $rows | Should -HaveCount 5 # the two listeners, the accepted end of the pair, the two UDP sockets
        ($rows | ForEach-Object $key | Sort-Object) -join '; ' | Should -Match 'Udp ::1'
        @(Get-NetConnectionEx -LocalPort $probe.ListenPort -LocalAddress ::1) | Should -HaveCount 0
        @(Get-NetConnectionEx -RemotePort $probe.ListenPort -RemoteAddress 127.0.0.1/32 -State Established) | Should -HaveCount 1
    }

    It 'gives the same rows with more ports than one kernel filter holds, and says so once with -Verbose' {
        Skip-TestUnless $platform.IsLinux 'the kernel socket filter is Linux sock_diag; Windows filters the IP Helper tables in the module'
        $few = @(Get-NetConnectionEx -LocalPort $probe.ListenPort, $probe.ClientPort -Protocol Tcp) | ForEach-Object $key | Sort-Object
        $many = (1..5000) + @($probe.ListenPort, $probe.ClientPort) | Select-Object -Unique
        $verbose = $( $rows = @(Get-NetConnectionEx -LocalPort $many -Protocol Tcp -Verbose) ) 4>&1
        @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and "$_" -match 'too many for one kernel socket filter' }) | Should -HaveCount 1
        $rows | Where-Object { $_.LocalPort -in $probe.ListenPort, $probe.ClientPort } | ForEach-Object $key | Sort-Object | Should -Be $few
        $few | Should -HaveCount 3
    }
}
