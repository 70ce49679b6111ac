using System;
using System.Buffers.Binary;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Platforms.Windows;

/// <summary>
/// A process's command line, as Task Manager and Get-CimInstance Win32_Process show it, from
/// NtQueryInformationProcess(ProcessCommandLineInformation): one call, PROCESS_QUERY_LIMITED_INFORMATION,
/// no reading of the other process's memory. Null when the process cannot be opened, has exited, or the
/// system does not have the information class (before Windows 8.1).
/// </summary>
internal static unsafe class WindowsCommandLine
{
    private const int MaxLength = 64 * 1024;

    /// <summary>The command line of <paramref name="processId"/>, or null.</summary>
    /// <param name="processId">The process.</param>
    /// <returns>The command line or null.</returns>
    public static string? Read(int processId)
    {
        IntPtr process = Kernel32.OpenProcess(Kernel32.PROCESS_QUERY_LIMITED_INFORMATION, 0, unchecked((uint)processId));
        if (process == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            uint size = 1024;
            while (size <= MaxLength)
            {
                byte[] buffer = new byte[size];
                fixed (byte* b = buffer)
                {
                    uint needed = 0;
                    int status;
                    try
                    {
                        status = NtDll.NtQueryInformationProcess(process, NtDll.ProcessCommandLineInformation, b, size, &needed);
                    }
                    catch (EntryPointNotFoundException)
                    {
                        return null;
                    }

                    if (status == NtDll.STATUS_INFO_LENGTH_MISMATCH && needed > size)
                    {
                        size = needed;
                        continue;
                    }

                    return status == 0 ? Decode(buffer, (ulong)(long)(IntPtr)b, IntPtr.Size) : null;
                }
            }

            return null;
        }
        finally
        {
            Kernel32.CloseHandle(process);
        }
    }

    /// <summary>The UNICODE_STRING at the start of <paramref name="buffer"/> (its characters elsewhere in the buffer); null when empty or pointing outside.</summary>
    internal static string? Decode(ReadOnlySpan<byte> buffer, ulong bufferAddress, int pointerSize)
    {
        if (buffer.Length < 2 * pointerSize)
        {
            return null;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(buffer);
        ulong pointer = pointerSize == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(buffer.Slice(8)) : BinaryPrimitives.ReadUInt32LittleEndian(buffer.Slice(4));
        if (length == 0 || pointer < bufferAddress || pointer - bufferAddress + (ulong)length > (ulong)buffer.Length)
        {
            return null;
        }

        ReadOnlySpan<byte> text = buffer.Slice((int)(pointer - bufferAddress), length);
        char[] chars = new char[length / 2];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(text.Slice(2 * i));
        }

        return new string(chars);
    }
}
