using System.Runtime.InteropServices;

namespace NetstatPS.TestHost;

/// <summary>
/// The raw libc calls of hold-private-thread. The socket opened after unshare(CLONE_FILES) lives only in
/// that thread's fd table, so no .NET Socket may own it: a Socket's finalizer or epoll registration on
/// another thread would use the descriptor number in the other table.
/// </summary>
internal static unsafe class PrivateThreadLibC
{
    public const int CLONE_FILES = 0x400;
    public const int AF_INET = 2;
    public const int SOCK_STREAM = 1;

    [DllImport("libc", EntryPoint = "unshare", SetLastError = true)]
    public static extern int Unshare(int flags);

    [DllImport("libc", EntryPoint = "gettid")]
    public static extern int GetThreadId();

    [DllImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static extern int Socket(int domain, int type, int protocol);

    [DllImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static extern int Bind(int fd, byte* address, int length);

    [DllImport("libc", EntryPoint = "listen", SetLastError = true)]
    public static extern int Listen(int fd, int backlog);

    [DllImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    public static extern int GetSockName(int fd, byte* address, int* length);
}
