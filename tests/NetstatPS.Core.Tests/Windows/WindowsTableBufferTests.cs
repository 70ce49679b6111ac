using System;
using NetstatPS.Platforms.Windows;
using Xunit;

namespace NetstatPS.Core.Tests.Windows;

/// <summary>The buffer loop against a fake native call whose table grows between the size call and the read.</summary>
public unsafe class WindowsTableBufferTests
{
    [Fact]
    public void SurvivesATableThatGrowsBetweenCalls()
    {
        // The table needs 20000 bytes at the first call, 30000 at the second (grew past the spare room),
        // and stays there: three calls, success, the data the last call wrote.
        int[] sizes = { 20000, 30000, 30000 };
        int calls = 0;
        uint rc = WindowsTableBuffer.Read(
            (buffer, size) =>
            {
                uint needed = (uint)sizes[Math.Min(calls, sizes.Length - 1)];
                calls++;
                if (*size < needed)
                {
                    *size = needed;
                    return WindowsTableBuffer.ErrorInsufficientBuffer;
                }

                *(uint*)buffer = needed;
                return 0;
            },
            out byte[] table);

        Assert.Equal(0u, rc);
        Assert.Equal(3, calls);
        Assert.Equal(30000u, BitConverter.ToUInt32(table, 0));
        Assert.True(table.Length >= 30000);
    }

    [Fact]
    public void LeavesSpareRoomSoModestGrowthNeedsNoExtraCall()
    {
        int calls = 0;
        uint needed = 100_000;
        uint rc = WindowsTableBuffer.Read(
            (buffer, size) =>
            {
                calls++;
                if (*size < needed)
                {
                    *size = needed;
                    needed += 1000; // a few more connections by the next call
                    return WindowsTableBuffer.ErrorInsufficientBuffer;
                }

                return 0;
            },
            out _);
        Assert.Equal(0u, rc);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void GivesUpAfterBoundedRetriesOnATableThatNeverFits()
    {
        int calls = 0;
        uint rc = WindowsTableBuffer.Read(
            (buffer, size) =>
            {
                calls++;
                *size = (*size * 2) + 1_000_000;
                return WindowsTableBuffer.ErrorInsufficientBuffer;
            },
            out _);
        Assert.Equal(WindowsTableBuffer.ErrorInsufficientBuffer, rc);
        Assert.Equal(WindowsTableBuffer.MaxAttempts, calls);
    }

    [Fact]
    public void PassesOtherErrorsThrough()
    {
        int calls = 0;
        uint rc = WindowsTableBuffer.Read((buffer, size) => { calls++; return 87; }, out _);
        Assert.Equal(87u, rc);
        Assert.Equal(1, calls);
    }
}
