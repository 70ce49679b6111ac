#Requires -Version 5.1
# Pester 5 tests of Close-NetConnectionEx in a real PowerShell: ShouldProcess (-WhatIf, -Confirm,
# ConfirmImpact High), pipeline binding (live, deserialized and explicit endpoints), the errors for what
# cannot be closed, and the close itself on this process's own loopback connections (New-SocketProbe).
# On the Windows code path (wine64) the same calls reach SetTcpEntry; what it answers there is asserted
# as the platform's expectation.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
    Import-Module (Get-NetstatPSTestManifest) -Force
    $script:platform = Get-NetstatPSTestPlatform

    function Get-ProbeRow {
        <# The probe's rows: the listener and both ends of its established pair. #>
        param($Probe)
        @(Get-NetConnectionEx -Protocol Tcp | Where-Object { $_.LocalPort -in $Probe.ListenPort, $Probe.ClientPort -and $_.State -ne 'TimeWait' })
    }

    function Get-HostText {
        <# What a script block writes to the host (What if: lines), through a transcript. #>
        param([scriptblock] $Script)
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ('nsps-close-' + [guid]::NewGuid().ToString('N') + '.txt')
        $null = Start-Transcript -Path $file
        try { & $Script | Out-Null } finally { $null = Stop-Transcript }
        $text = Get-Content -Raw $file
        Remove-Item $file
        return $text
    }

    function Test-Reset {
        <# Whether the probe's client end reads a reset or abort (the connection was closed under it). #>
        param($Probe)
        $client = $Probe.Disposables[0].Client
        if (-not $client.Poll(2000000, [System.Net.Sockets.SelectMode]::SelectRead)) { return 'Timeout' }
        try { $null = $client.Receive([byte[]]::new(1)); 'Data' } catch { $_.Exception.InnerException.SocketErrorCode.ToString() }
    }
}

Describe 'Close-NetConnectionEx metadata' {
    It 'supports ShouldProcess with ConfirmImpact High, so the default asks first' {
        $attribute = (Get-Command Close-NetConnectionEx).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'High'
        (Get-Command Close-NetConnectionEx).Parameters.Keys | Should -Contain 'WhatIf'
        (Get-Command Close-NetConnectionEx).Parameters.Keys | Should -Contain 'Confirm'
    }

    It 'binds <_> by property name from the pipeline' -TestCases @('LocalAddress', 'LocalPort', 'RemoteAddress', 'RemotePort', 'Protocol', 'State', 'InterfaceIndex', 'SocketCookie') {
        $p = (Get-Command Close-NetConnectionEx).Parameters[$_]
        $p.ParameterSets['Endpoint'].ValueFromPipelineByPropertyName | Should -BeTrue
        (Get-Help Close-NetConnectionEx -Parameter $_).pipelineInput | Should -Be 'True (ByPropertyName)'
    }

    It 'takes Connection objects from the pipeline and declares Connection as output (-PassThru)' {
        (Get-Command Close-NetConnectionEx).Parameters['InputObject'].ParameterSets['InputObject'].ValueFromPipeline | Should -BeTrue
        (Get-Command Close-NetConnectionEx).OutputType.Name | Should -Contain 'NetstatPS.Connection'
    }

    It 'refuses an address that is not one, naming it' {
        $e = Get-ErrorFrom { Close-NetConnectionEx -LocalAddress 10.1 -LocalPort 1 -RemoteAddress 127.0.0.1 -RemotePort 2 -Confirm:$false }
        $e.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,NetstatPS.Commands.CloseNetConnectionExCommand'
        $e.Exception.Message | Should -Match "'10\.1' is not an IP address"
    }
}

Describe 'Close-NetConnectionEx' {
    BeforeEach {
        $script:probe = New-SocketProbe
        $script:other = New-SocketProbe
    }

    AfterEach {
        $script:probe.Dispose()
        $script:other.Dispose()
    }

    It '-WhatIf closes nothing and says what it would do, like a netstat row' {
        $before = Get-ProbeRow $probe
        $text = Get-HostText { Get-NetConnectionEx -LocalPort $probe.ListenPort -State Established | Close-NetConnectionEx -WhatIf }
        $owner = if ($platform.OwnPid) { ", PID $PID ($((Get-Process -Id $PID).ProcessName))" } else { '' }
        $text | Should -Match ([regex]::Escape("What if: Performing the operation `"Close connection`" on target `"TCP 127.0.0.1:$($probe.ListenPort) -> 127.0.0.1:$($probe.ClientPort) Established$owner`"."))
        (Get-ProbeRow $probe).Count | Should -Be $before.Count
        Test-Reset $probe | Should -Be 'Timeout'
    }

    It 'asks before closing when -Confirm is not turned off, and closes nothing when the answer is No' {
        Skip-TestUnless $platform.IsLinux 'answering the prompt needs a child pwsh reading its console from a pipe'
        # ConfirmImpact High meets the default $ConfirmPreference (High): a plain call asks. A child pwsh
        # (the same one, the same module) gets "N" on its redirected console input as the answer.
        $self = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $pwshArgs = @(if ([System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $command = "Import-Module '$(Get-NetstatPSTestManifest)'; Get-NetConnectionEx -LocalPort $($probe.ListenPort) -State Established | Close-NetConnectionEx; 'exit:' + `$?"
        $answer = 'N' | & $self @pwshArgs -NoProfile -Command $command 2>&1 | Out-String
        $answer | Should -Match 'Are you sure you want to perform this action\?'
        ($answer -replace '\s+', ' ') | Should -Match ([regex]::Escape("Performing the operation `"Close connection`" on target `"TCP 127.0.0.1:$($probe.ListenPort) -> 127.0.0.1:$($probe.ClientPort) Established"))
        $answer | Should -Match ([regex]::Escape('[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help'))
        Test-Reset $probe | Should -Be 'Timeout'
        @(Get-ProbeRow $probe).Count | Should -Be 3
    }

    It 'Get-NetConnectionEx -LocalPort P -State Established | Close-NetConnectionEx -Confirm:$false closes exactly the probe''s connection' {
        $others = Get-ProbeRow $other
        $piped = @(Get-NetConnectionEx -LocalPort $probe.ListenPort -State Established)
        $piped.Count | Should -Be 1
        $errors = @()
        $closed = @($piped | Close-NetConnectionEx -Confirm:$false -PassThru -ErrorVariable errors -ErrorAction SilentlyContinue)
        if ($platform.IsLinux) {
            $errors | Should -BeNullOrEmpty
            $closed.Count | Should -Be 1
            $closed[0].LocalPort | Should -Be $probe.ListenPort
            Test-Reset $probe | Should -Be 'ConnectionReset'
            # Both ends are gone (the client end took the reset), the listener stays.
            $after = @(Get-ProbeRow $probe)
            $after.State | Should -Be @('Listen')
        }
        else {
            # Wine's iphlpapi: SetTcpEntry is a stub that answers NO_ERROR and deletes nothing; the table,
            # read again, shows the connection still open, and the error says so (nothing is claimed closed).
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'CloseFailed,NetstatPS.Commands.CloseNetConnectionExCommand'
            $errors[0].Exception.Message | Should -Match ([regex]::Escape('SetTcpEntry answered NO_ERROR (0), but the connection is still open'))
            $closed.Count | Should -Be 0
            Test-Reset $probe | Should -Be 'Timeout'
        }
        # Nothing else was touched.
        @(Get-ProbeRow $other).Count | Should -Be $others.Count
        Test-Reset $other | Should -Be 'Timeout'
    }

    It 'closes by explicit endpoints and by deserialized objects (Import-Clixml), bound by property name' {
        Skip-TestUnless $platform.IsLinux 'SetTcpEntry cannot close connections under Wine (the previous test records its answer)'
        $closed = @(Close-NetConnectionEx -LocalAddress 127.0.0.1 -LocalPort $probe.ClientPort -RemoteAddress 127.0.0.1 -RemotePort $probe.ListenPort -Confirm:$false -PassThru)
        $closed.Count | Should -Be 1
        $closed[0].LocalPort | Should -Be $probe.ClientPort
        $closed[0].SocketCookie | Should -Not -BeNullOrEmpty

        $file = Join-Path ([System.IO.Path]::GetTempPath()) ('nsps-close-' + [guid]::NewGuid().ToString('N') + '.xml')
        Get-NetConnectionEx -LocalPort $other.ClientPort -State Established | Export-Clixml $file
        $imported = Import-Clixml $file
        Remove-Item $file
        $imported.PSTypeNames[0] | Should -Be 'Deserialized.NetstatPS.Connection'
        $again = @($imported | Close-NetConnectionEx -Confirm:$false -PassThru)
        $again.Count | Should -Be 1
        $again[0].SocketCookie | Should -Be $imported.SocketCookie
        Test-Reset $other | Should -Be 'ConnectionAborted'
    }

    It 'gives ObjectNotFound, not an exception, for a connection that closed in the meantime' {
        $row = Get-NetConnectionEx -LocalPort $probe.ClientPort -State Established
        $probe.Disposables[0].Dispose()
        $probe.Disposables[1].Dispose()
        Start-Sleep -Milliseconds 200
        $errors = @()
        $row | Close-NetConnectionEx -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ObjectNotFound,NetstatPS.Commands.CloseNetConnectionExCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape("Cannot close TCP 127.0.0.1:$($probe.ClientPort) -> 127.0.0.1:$($probe.ListenPort) Established"))
        $errors[0].Exception.Message | Should -Match 'not found'
    }

    It 'gives ObjectNotFound for explicit endpoints no connection has' {
        $errors = @()
        Close-NetConnectionEx -LocalAddress 127.0.0.1 -LocalPort $probe.ListenPort -RemoteAddress 127.0.0.1 -RemotePort 1 -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'ObjectNotFound,NetstatPS.Commands.CloseNetConnectionExCommand'
        $errors[0].Exception.Message | Should -Be "Cannot close TCP 127.0.0.1:$($probe.ListenPort) -> 127.0.0.1:1: no such TCP connection exists (it closed in the meantime, or never existed)."
        Test-Reset $probe | Should -Be 'Timeout'
    }

    It 'refuses a <Kind> with ConnectionNotClosable naming it, and closes nothing' -TestCases @(
        @{ Kind = 'listener'; Select = { Get-NetConnectionEx -LocalPort $probe.ListenPort -State Listen }; Says = 'it is a listener, not a connection' }
        @{ Kind = 'UDP socket'; Select = { Get-NetConnectionEx -Protocol Udp -LocalPort $probe.UdpPort }; Says = 'only TCP connections can be closed, and this is a Udp socket' }
        @{ Kind = 'IPv6 listener'; Select = { Get-NetConnectionEx -LocalPort $probe.Listen6Port }; Says = 'it is a listener' }
    ) {
        $rows = @(& $Select)
        $rows.Count | Should -Be 1
        $errors = @()
        $rows | Close-NetConnectionEx -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ConnectionNotClosable,NetstatPS.Commands.CloseNetConnectionExCommand'
        $errors[0].TargetObject | Should -Be $rows[0]
        $errors[0].Exception.Message.StartsWith("Cannot close $($rows[0].Proto) $($rows[0].LocalEndpoint) -> $($rows[0].RemoteEndpoint) $($rows[0].State)") | Should -BeTrue
        $errors[0].Exception.Message | Should -Match ([regex]::Escape($Says))
        @(& $Select).Count | Should -Be 1
    }

    It 'an established IPv6 connection: closed on Linux; on Windows refused, as Windows has no call for it' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::IPv6Loopback, 0)
        $listener.Start()
        $client = [System.Net.Sockets.TcpClient]::new([System.Net.Sockets.AddressFamily]::InterNetworkV6)
        try {
            $client.Connect([System.Net.IPAddress]::IPv6Loopback, $listener.LocalEndpoint.Port)
            $server = $listener.AcceptTcpClient()
            $row = @(Get-NetConnectionEx -LocalPort $client.Client.LocalEndPoint.Port -State Established)
            $row.Count | Should -Be 1
            $errors = @()
            $closed = @($row | Close-NetConnectionEx -Confirm:$false -PassThru -ErrorVariable errors -ErrorAction SilentlyContinue)
            if ($platform.IsWindows) {
                $closed.Count | Should -Be 0
                $errors[0].FullyQualifiedErrorId | Should -Be 'ConnectionNotClosable,NetstatPS.Commands.CloseNetConnectionExCommand'
                $errors[0].Exception.Message | Should -Match ([regex]::Escape('Windows offers no call to close an IPv6 connection'))
            }
            else {
                $errors | Should -BeNullOrEmpty
                $closed.Count | Should -Be 1
                @(Get-NetConnectionEx -LocalPort $client.Client.LocalEndPoint.Port -State Established).Count | Should -Be 0
            }
            $server.Dispose()
        }
        finally {
            $client.Dispose()
            $listener.Stop()
        }
    }

    It 'refuses a TimeWait row: already closed' {
        Skip-TestUnless $platform.IsLinux 'Wine keeps no TimeWait rows'
        # The server end closes first, so it is the one that waits out TIME_WAIT.
        $probe.Disposables[1].Dispose()
        Start-Sleep -Milliseconds 100
        $probe.Disposables[0].Dispose()
        Start-Sleep -Milliseconds 200
        $rows = @(Get-NetConnectionEx -LocalPort $probe.ListenPort -State TimeWait)
        $rows.Count | Should -Be 1
        $errors = @()
        $rows | Close-NetConnectionEx -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'ConnectionNotClosable,NetstatPS.Commands.CloseNetConnectionExCommand'
        $errors[0].Exception.Message | Should -Match 'it is in TimeWait: already closed'
    }

    It 'refuses an explicit non-TCP endpoint without looking anything up' {
        $errors = @()
        [pscustomobject]@{ Protocol = 'Udp'; LocalAddress = '127.0.0.1'; LocalPort = $probe.UdpPort; RemoteAddress = '0.0.0.0'; RemotePort = 0 } |
            Close-NetConnectionEx -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'ConnectionNotClosable,NetstatPS.Commands.CloseNetConnectionExCommand'
        $errors[0].Exception.Message | Should -BeLike "Cannot close UDP 127.0.0.1:$($probe.UdpPort) -> 0.0.0.0:0: only TCP*"
    }

    It 'completes -RemotePort with the peers of the -LocalPort already typed' {
        Skip-TestUnless $platform.IsLinux 'the completer reads the same table; Wine gives no owners but the same ports, covered on Linux'
        $completions = Get-CompletionText "Close-NetConnectionEx -LocalAddress 127.0.0.1 -LocalPort $($probe.ListenPort) -RemotePort "
        $completions | Should -Be @("$($probe.ClientPort)")
    }
}
