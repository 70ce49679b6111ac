using System;

namespace NetstatPS.Core.Tests.TestLayers;

/// <summary>
/// What a test layer needs from the machine beyond the .NET SDK: tools it starts, privileges, users.
/// Flags, so a layer is named once (<see cref="NetworkNamespace"/>, <see cref="WineLayer"/>) and an
/// attribute can ask for several at a time.
/// </summary>
[Flags]
public enum MachineNeed
{
    /// <summary>Nothing beyond the SDK.</summary>
    None = 0,

    /// <summary>Running as root: network namespaces, switching users, seeing every socket's owner.</summary>
    Root = 1,

    /// <summary>unshare (util-linux), to make private network namespaces.</summary>
    Unshare = 2,

    /// <summary>ip (iproute2), to set namespaces up and as the route/link oracle.</summary>
    Ip = 4,

    /// <summary>ss (iproute2), the socket oracle.</summary>
    Ss = 8,

    /// <summary>nstat (iproute2), the protocol-counter oracle.</summary>
    Nstat = 16,

    /// <summary>python3, to make a forked listener shared by two processes.</summary>
    Python3 = 32,

    /// <summary>setpriv (util-linux), to run the Core as another user.</summary>
    Setpriv = 64,

    /// <summary>A user with uid 65534 (nobody), the unprivileged user the tests switch to.</summary>
    NobodyUser = 128,

    /// <summary>Debian's wine64 (path overridable with NSPS_WINE64), to run the Windows provider.</summary>
    Wine64 = 256,

    /// <summary>A private network namespace set up with ip: what LinuxTestSupport.RunInNetns needs.</summary>
    NetworkNamespace = Root | Unshare | Ip,

    /// <summary>Running the Core as user nobody next to root's sockets.</summary>
    OtherUser = Root | Setpriv | NobodyUser,

    /// <summary>Layer 5: the win-x64 test host under wine64 in a namespace, with ss and ip as oracles.</summary>
    WineLayer = NetworkNamespace | Ss | Wine64,
}
