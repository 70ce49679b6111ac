#Requires -Version 5.1
# Pester 5: issue 14. Names another user chooses (process names, executable paths, Unix socket paths)
# are kept exactly in the properties and never reach the terminal raw: every default view, live and
# after a CLIXML round trip, shows them escaped by NetstatPS.DisplayText at 80 and 120 columns, and a
# real terminal (tmux) keeps its title and rows. On Linux the probes are real processes renamed with
# prctl(PR_SET_NAME) (nsps-testhost hold-named), started from a directory whose name holds the same
# bytes; under Wine (no process can be renamed so, and Wine reports no owners) the Windows engine
# renders Deserialized rows that carry the same names, and the same escaping rule is checked there.

BeforeDiscovery {
    # The probe tests exist only where probes can be made (Linux); on the Windows path (Wine) only the
    # engine-level Describes below are defined, rather than some forty skipped tests.
    $script:onLinux = -not [System.Runtime.InteropServices.RuntimeInformation]::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::Windows)
    # Name bytes (at most 15: the kernel's comm limit) and what the views must show for each.
    $script:probeCases = @(
        @{ Case = 'OSC title and erase-line'; Hex = '1b5d303b50574e4544071b5b324b'; Shown = '\e]0;PWNED\a\e[2K' }
        @{ Case = 'CSI colour'; Hex = '1b5b33316d4556494c1b5b306d'; Shown = '\e[31mEVIL\e[0m' }
        @{ Case = 'newline forging a row'; Hex = '610a5443502066616b65'; Shown = 'a\nTCP fake' }
        @{ Case = 'bidi override'; Hex = 'e280ae6765786e2e657865'; Shown = '\u202egexn.exe' }
        @{ Case = 'invalid UTF-8'; Hex = '626164fffec3'; Shown = 'bad\xff\xfe\xc3' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'NetstatPS.TestSupport.psm1') -Force
    Import-Module (Get-NetstatPSTestManifest) -Force
    $script:platform = Get-NetstatPSTestPlatform
    $script:live = $platform.IsLinux
    $script:notLinux = 'the probes rename themselves with prctl(PR_SET_NAME) and Unix sockets: Linux only (the Windows path is checked below with Deserialized rows)'

    function script:ConvertFrom-Hex([string] $Hex) {
        [byte[]] @(for ($i = 0; $i -lt $Hex.Length; $i += 2) { [Convert]::ToByte($Hex.Substring($i, 2), 16) })
    }
    function script:ConvertTo-Hex([byte[]] $Bytes) { (($Bytes | ForEach-Object { $_.ToString('x2') }) -join '') }

    # Characters that must never reach the terminal: C0 (a line break only between lines), DEL, C1,
    # bidi embeddings/overrides/isolates, line/paragraph separators, unpaired surrogates.
    function script:Get-UnsafeCharacter([string] $Text) {
        $lines = $Text -split "`r?`n"
        foreach ($line in $lines) {
            for ($i = 0; $i -lt $line.Length; $i++) {
                $c = [int] $line[$i]
                $bad = $c -lt 0x20 -or ($c -ge 0x7f -and $c -le 0x9f) -or ($c -ge 0x202a -and $c -le 0x202e) -or ($c -ge 0x2066 -and $c -le 0x2069) -or $c -eq 0x2028 -or $c -eq 0x2029
                if ([char]::IsHighSurrogate($line[$i]) -and $i + 1 -lt $line.Length -and [char]::IsLowSurrogate($line[$i + 1])) { $i++; continue }
                if ($bad -or [char]::IsSurrogate($line[$i])) { 'U+{0:X4} in: {1}' -f $c, [NetstatPS.DisplayText]::Escape($line) }
            }
        }
    }

    # What the 12-wide Process column can show of an escaped name: all of it, or its start and PowerShell's ellipsis.
    function script:Get-ColumnText([string] $Shown, [int] $Width = 12) {
        if ($Shown.Length -le $Width) { return $Shown }
        return $Shown.Substring(0, $Width - 1) + [char] 0x2026
    }

    $script:probes = @()
    $script:out = Join-Path ([System.IO.Path]::GetTempPath()) ('nsps-hostile-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $out
    if ($live) {
        # The executable: a copy of nsps-testhost's apphost named nsps FF FE (not UTF-8) in a directory
        # named h ESC ] 0 ; T BEL, newline, U+202E (the runtime loads the app's dll from that directory,
        # which must therefore be text). .NET cannot name the file, so bash copies and starts it.
        $script:dirHex = '681b5d303b54070ae280ae'
        $script:exeHex = '6e737073fffe'
        $testHostDir = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../NetstatPS.TestHost/bin/Release/net10.0'))
        if (-not (Test-Path (Join-Path $testHostDir 'nsps-testhost'))) { throw "$testHostDir/nsps-testhost is missing: build with 'dotnet build NetstatPS.sln -c Release' first." }
        $script:dirPrintf = ($dirHex -replace '(..)', '\x$1')
        $script:exePrintf = ($exeHex -replace '(..)', '\x$1')
        & bash -c "d=`"$out/`$(printf '$dirPrintf')`"; mkdir `"`$d`" && cp -r '$testHostDir'/. `"`$d/`" && cp '$testHostDir/nsps-testhost' `"`$d/`$(printf '$exePrintf')`""
        if ($LASTEXITCODE -ne 0) { throw 'could not make the hostile directory' }
        $i = 0
        foreach ($case in $probeCases) {
            $i++
            # The first probe also binds Unix sockets whose paths carry ESC, OSC, a newline and U+202E.
            $specs = @('tcp-listen:127.0.0.1')
            if ($i -eq 1) {
                $specs += "unix-listen:$out/u$([char]27)]0;PWNED$([char]7)$([char]27)[2K"
                $specs += "unix-listen:$out/v`nTCP fake$([char]0x202e)kcos"
            }
            $psi = [System.Diagnostics.ProcessStartInfo]::new('bash')
            foreach ($a in @('-c', "exec `"$out/`$(printf '$dirPrintf')/`$(printf '$exePrintf')`" hold-named `"`$@`"", 'probe', $case.Hex) + $specs) { $psi.ArgumentList.Add($a) }
            $psi.RedirectStandardInput = $true
            $psi.RedirectStandardOutput = $true
            $psi.UseShellExecute = $false
            $p = [System.Diagnostics.Process]::Start($psi)
            $line = $p.StandardOutput.ReadLine()
            if (-not $line) { throw "probe '$($case.Case)' did not start" }
            $script:probes += [pscustomobject]@{ Case = $case.Case; Hex = $case.Hex; Shown = $case.Shown; Process = $p; Held = $line | ConvertFrom-Json }
        }
        $script:ids = @($probes | ForEach-Object { $_.Process.Id })
        $script:rows = @(Get-NetConnectionEx -Protocol Tcp -State Listen -ProcessId $ids)
        $script:unixRows = @(Get-NetConnectionEx -Protocol Unix -ProcessId $ids[0] | Where-Object { $_.Path -and $_.Path.StartsWith($out) })
    }
}

AfterAll {
    foreach ($p in $probes) {
        $p.Process.StandardInput.Close()
        if (-not $p.Process.WaitForExit(10000)) { $p.Process.Kill() }
    }
    if ($live) { & bash -c "rm -rf '$out'" } # .NET cannot name the directory with the byte FF
    else { Remove-Item -Recurse -Force $out -ErrorAction SilentlyContinue }
}

if ($onLinux) {
    Describe 'A hostile process name: <Case>' -ForEach $probeCases {
        BeforeAll {
            $script:probe = $probes | Where-Object Hex -eq $Hex
            $script:row = if ($probe) { $rows | Where-Object ProcessId -eq $probe.Process.Id }
        }

        It 'ProcessName holds exactly the bytes the process set' {
            Skip-TestUnless $live $notLinux
            $row | Should -HaveCount 1
            ConvertTo-Hex ([NetstatPS.OsText]::GetBytes($row.ProcessName)) | Should -Be $Hex
        }

        It 'ProcessPath holds exactly the bytes of the executable''s path' {
            Skip-TestUnless ($live -and $platform.IsRoot) 'another process''s executable path is readable only by root (ptrace access)'
            $expected = (ConvertTo-Hex ([System.Text.Encoding]::UTF8.GetBytes("$out/"))) + $dirHex + (ConvertTo-Hex ([System.Text.Encoding]::UTF8.GetBytes('/'))) + $exeHex
            ConvertTo-Hex ([NetstatPS.OsText]::GetBytes($row.ProcessPath)) | Should -Be $expected
        }

        It 'the default table at <_> columns has no control character, one row, and the escaped name' -ForEach 80, 120 {
            Skip-TestUnless $live $notLinux
            $text = $row | Out-String -Width $_
            Get-UnsafeCharacter $text | Should -BeNullOrEmpty
            @($text -split "`n" | Where-Object { $_ -match '^TCP' }) | Should -HaveCount 1
            $text | Should -Match ("(?m)^TCP\s+127\.0\.0\.1:$($row.LocalPort)\s+0\.0\.0\.0:0 Listen\s+$($row.ProcessId) " + [regex]::Escape((Get-ColumnText $Shown)) + '\s*$')
        }

        It 'the list view at <_> columns shows the escaped name and path in full' -ForEach 80, 120 {
            Skip-TestUnless $live $notLinux
            $text = $row | Format-List | Out-String -Width $_
            Get-UnsafeCharacter $text | Should -BeNullOrEmpty
            $text | Should -Match ('(?m)^ProcessName\s+: ' + [regex]::Escape($Shown) + '\s*$')
            $text | Should -Match ('(?m)^Owners\s+: ' + $row.ProcessId + '/' + [regex]::Escape($Shown) + '\s*$')
            # A long path wraps in the list at 80 columns: joined again, it ends with the escaped directory and file (Service follows it).
            if ($platform.IsRoot) { ($text -replace '\s*\n\s*', '') | Should -Match ([regex]::Escape('/h\e]0;T\a\n\u202e/nsps\xff\xfe') + 'Service\s*:') }
        }

        It 'after a CLIXML round trip (remoting) the raw bytes and the safe views are the same' {
            Skip-TestUnless $live $notLinux
            $file = Join-Path $out "$($row.ProcessId).clixml"
            $row | Export-Clixml -Path $file
            $back = Import-Clixml -Path $file
            $back.PSObject.TypeNames | Should -Contain 'Deserialized.NetstatPS.Connection'
            ConvertTo-Hex ([NetstatPS.OsText]::GetBytes($back.ProcessName)) | Should -Be $Hex
            $back.PSObject.Properties.Name | Should -Not -Contain 'ProcessNameDisplay' -Because 'display properties are computed again, not serialized'
            foreach ($width in 80, 120) {
                $text = $back | Out-String -Width $width
                Get-UnsafeCharacter $text | Should -BeNullOrEmpty
                $text | Should -BeExactly ($row | Out-String -Width $width)
                $list = $back | Format-List | Out-String -Width $width
                Get-UnsafeCharacter $list | Should -BeNullOrEmpty
                $list | Should -Match ('(?m)^ProcessName\s+: ' + [regex]::Escape($Shown) + '\s*$')
            }
        }
    }
}

if ($onLinux) {
    Describe 'Hostile Unix socket paths' {
        It 'Path holds the exact name and the Unix table at <_> columns shows it escaped on one row' -ForEach 80, 120 {
            Skip-TestUnless $live $notLinux
            $unixRows | Should -HaveCount 2
            $osc = $unixRows | Where-Object Path -eq "$out/u$([char]27)]0;PWNED$([char]7)$([char]27)[2K"
            $newline = $unixRows | Where-Object Path -eq "$out/v`nTCP fake$([char]0x202e)kcos"
            $osc | Should -HaveCount 1
            $newline | Should -HaveCount 1
            $text = $unixRows | Out-String -Width $_
            Get-UnsafeCharacter $text | Should -BeNullOrEmpty
            @($text -split "`n" | Where-Object { $_ -match '^u_str' }) | Should -HaveCount 2
            $text | Should -Not -Match '(?m)^TCP fake'
            $list = $unixRows | Format-List | Out-String -Width $_
            Get-UnsafeCharacter $list | Should -BeNullOrEmpty
            $joined = $list -replace '\s*\n\s*', '' # a long path wraps in the list at 80 columns
            $joined | Should -Match ([regex]::Escape('/u\e]0;PWNED\a\e[2K'))
            $joined | Should -Match ([regex]::Escape('/v\nTCP fake\u202ekcos'))
        }

        It 'the -Watch change view shows a hostile process that starts listening, escaped, at 80 and 120 columns' {
            Skip-TestUnless $live $notLinux
            # A probe that starts listening after the silent first sample: its Added row is a real change.
            $psi = [System.Diagnostics.ProcessStartInfo]::new('bash')
            foreach ($a in @('-c', "sleep 1.5; exec `"$out/`$(printf '$dirPrintf')/`$(printf '$exePrintf')`" hold-named 1b5d303b57415443481b5b324b tcp-listen:127.0.0.1")) { $psi.ArgumentList.Add($a) }
            $psi.RedirectStandardInput = $true
            $psi.RedirectStandardOutput = $true
            $late = [System.Diagnostics.Process]::Start($psi)
            try {
                $changes = @(Get-NetConnectionEx -Protocol Tcp -State Listen -ProcessId $late.Id -Watch -Interval 1 -Count 8 |
                        Where-Object ChangeType -eq Added | Select-Object -First 1)
                $changes | Should -HaveCount 1
                ConvertTo-Hex ([NetstatPS.OsText]::GetBytes($changes[0].ProcessName)) | Should -Be '1b5d303b57415443481b5b324b'
                foreach ($width in 80, 120) {
                    $text = $changes | Out-String -Width $width
                    Get-UnsafeCharacter $text | Should -BeNullOrEmpty
                    $text | Should -Match ("(?m)^\d\d:\d\d:\d\d Added\s+TCP\s+\S*:\d+\s+0\.0\.0\.0:0 Listen\s+$($late.Id) " + [regex]::Escape((Get-ColumnText '\e]0;WATCH\e[2K' 8)))
                    $list = $changes | Format-List | Out-String -Width $width
                    Get-UnsafeCharacter $list | Should -BeNullOrEmpty
                    $list | Should -Match ('(?m)^ProcessName\s+: ' + [regex]::Escape('\e]0;WATCH\e[2K') + '\s*$')
                }
            }
            finally {
                $late.StandardInput.Close()
                if (-not $late.WaitForExit(10000)) { $late.Kill() }
            }
        }
    }
}

Describe 'Warnings and errors that quote a hostile value' {
    It 'an ObjectNotFound error escapes the name it quotes' {
        $err = $null
        Get-NetInterfaceStatistic -Name "eth$([char]27)]0;PWNED$([char]7)" -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ObjectNotFound*'
        Get-UnsafeCharacter $err[0].Exception.Message | Should -BeNullOrEmpty
        $err[0].Exception.Message | Should -BeLike '*eth\e]0;PWNED\a*'
        $err[0].TargetObject | Should -BeExactly "eth$([char]27)]0;PWNED$([char]7)" -Because 'the target keeps the raw value'
    }

    It 'a validation error escapes the value it quotes' {
        $err = Get-ErrorFrom { Get-NetConnectionEx -LocalAddress "1.2.3.4$([char]27)[2K" }
        $err | Should -Not -BeNullOrEmpty
        Get-UnsafeCharacter $err.Exception.Message | Should -BeNullOrEmpty
        $err.Exception.Message | Should -BeLike '*1.2.3.4\e`[2K*'
    }
}

Describe 'The Windows path and any engine: Deserialized rows with hostile names' {
    BeforeAll {
        # What a remote Windows machine (or an old export) delivers: a property bag with raw strings.
        $names = @("$([char]27)]0;PWNED$([char]7)x", "svc`nTCP fake", "$([char]0x202e)exe.gnp", "C:\Program Files\$([char]0x9b)31m\app.exe")
        $script:bags = foreach ($n in $names) {
            $o = [pscustomobject]@{
                Protocol = 'Tcp'; Proto = 'TCP'; LocalEndpoint = '127.0.0.1:8080'; RemoteEndpoint = '0.0.0.0:0'; State = 'Listen'
                ProcessId = 4242; ProcessName = $n; ProcessPath = "C:\Apps\$n.exe"; UserName = "DOMAIN\$n"; Owners = @([pscustomobject]@{ ProcessId = 4242; Name = $n })
            }
            $o.PSObject.TypeNames.Insert(0, 'Deserialized.NetstatPS.Connection')
            $o
        }
    }

    It 'the table and list views at <_> columns show no control character' -ForEach 80, 120 {
        $text = ($bags | Out-String -Width $_) + ($bags | Format-List | Out-String -Width $_)
        Get-UnsafeCharacter $text | Should -BeNullOrEmpty
        @(($bags | Out-String -Width $_) -split "`n" | Where-Object { $_ -match '^TCP' }) | Should -HaveCount 4
        $list = $bags | Format-List | Out-String -Width $_
        $list | Should -Match (('ProcessName\s+: ' + [regex]::Escape('\e]0;PWNED\ax')))
        $list | Should -Match (('ProcessName\s+: ' + [regex]::Escape('svc\nTCP fake')))
        $list | Should -Match (('ProcessPath\s+: ' + [regex]::Escape('C:\Apps\\\u202eexe.gnp.exe')))
        $list | Should -Match (('ProcessPath\s+: ' + [regex]::Escape('C:\Apps\C:\Program Files\\\u009b31m\\app.exe.exe')))
        $list | Should -Match (('UserName\s+: ' + [regex]::Escape('DOMAIN\svc\nTCP fake')))
        $list | Should -Match (('Owners\s+: ' + [regex]::Escape('4242/\e]0;PWNED\ax')))
    }

    It 'the decoder keeps Windows names (UTF-16) as they are and escapes an unpaired surrogate' {
        [NetstatPS.DisplayText]::Escape("a$([char]0xd800)b") | Should -BeExactly 'a\ud800b'
        [NetstatPS.DisplayText]::Escape('C:\Windows\System32\svchost.exe') | Should -BeExactly 'C:\Windows\System32\svchost.exe'
        ConvertTo-Hex ([NetstatPS.OsText]::GetBytes([NetstatPS.OsText]::GetString((ConvertFrom-Hex '626164fffe')))) | Should -Be '626164fffe'
    }
}

if ($onLinux) {
    Describe 'A real terminal (tmux)' {
        It 'Get-NetConnectionEx -State Listen leaves the pane title and the rows intact and shows the escaped names' {
            $hasTmux = [bool](Get-Command tmux -ErrorAction SilentlyContinue)
            if ($live -and -not $hasTmux -and $env:CI -eq 'true') { throw 'tmux is missing (.ci/run installs it): under CI this layer must run' }
            Skip-TestUnless ($live -and $hasTmux) 'needs the Linux probes and tmux'
            $session = 'nsps-hostile-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
            $self = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
            $pwsh = if ([System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { "'$self' '$(Join-Path $PSHOME 'pwsh.dll')'" } else { "'$self'" }
            $script = Join-Path $out 'tmux.ps1'
            $marker = Join-Path $out 'tmux.done'
            Set-Content -Path $script -Value @"
    Import-Module '$([System.IO.Path]::GetFullPath((Get-NetstatPSTestManifest)))'
    Get-NetConnectionEx -State Listen -ProcessId $($ids -join ',')
    Get-NetConnectionEx -Protocol Unix -ProcessId $($ids[0]) | Where-Object Path
    Set-Content '$marker' done
"@
            & tmux -f /dev/null new-session -d -s $session -x 120 -y 40 "$pwsh -NoProfile -NoExit -File '$script'"
            try {
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (-not (Test-Path $marker) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
                Start-Sleep -Milliseconds 500
                $title = & tmux display -p -t $session '#{pane_title}'
                $pane = (& tmux capture-pane -p -t $session) -join "`n"
                Set-Content -Path (Join-Path ([System.IO.Path]::GetTempPath()) 'nsps-hostile-tmux-capture.txt') -Value "title: $title`n$pane"
                Test-Path $marker | Should -BeTrue -Because "the pane shows:`n$pane"
                $title | Should -Not -Match 'PWNED|^T$'
                foreach ($p in $probes) { $pane | Should -Match ("(?m)^TCP\s+127\.0\.0\.1:\d+\s+0\.0\.0\.0:0 Listen\s+$($p.Process.Id) " + [regex]::Escape((Get-ColumnText $p.Shown))) }
                $pane | Should -Not -Match '(?m)^TCP fake'
                $pane | Should -Match ([regex]::Escape('u\e]0;PWNED\a\e[2K'))

                # The control: the same name written raw does retitle this pane, so the check above can fail.
                $raw = $probes[0]
                & tmux send-keys -t $session "[Console]::Write((Get-NetConnectionEx -ProcessId $($raw.Process.Id) -State Listen).ProcessName)" Enter
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                do { Start-Sleep -Milliseconds 300; $after = & tmux display -p -t $session '#{pane_title}' } while ($after -ne 'PWNED' -and [DateTime]::UtcNow -lt $deadline)
                $after | Should -Be 'PWNED'
            }
            finally {
                & tmux kill-session -t $session 2>$null
            }
        }
    }
}

if ($onLinux) {
    Describe 'Completing a hostile -ProcessName' {
        It 'offers a quoted wildcard with ? for each control character, which finds the process' {
            Skip-TestUnless $live $notLinux
            $osc = $probes | Where-Object Hex -eq '1b5b33316d4556494c1b5b306d'
            $line = 'Get-NetConnectionEx -ProcessName *EVIL*'
            $matches = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches)
            $matches | Should -HaveCount 1
            $matches[0].CompletionText | Should -BeExactly "'?``[31mEVIL?``[0m'"
            $matches[0].ListItemText | Should -BeExactly '\e[31mEVIL\e[0m'
            Get-UnsafeCharacter ($matches[0].CompletionText + $matches[0].ToolTip) | Should -BeNullOrEmpty
            $found = Invoke-Expression "Get-NetConnectionEx -State Listen -Protocol Tcp -ProcessName $($matches[0].CompletionText)"
            @($found).ProcessId | Should -Contain $osc.Process.Id
        }
    }
}
