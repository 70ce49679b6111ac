using System;
using System.Linq;
using NetstatPS.TestHost;

ITestHostCommand[] commands = typeof(ITestHostCommand).Assembly.GetTypes()
    .Where(t => !t.IsAbstract && typeof(ITestHostCommand).IsAssignableFrom(t))
    .Select(t => (ITestHostCommand)Activator.CreateInstance(t)!)
    .OrderBy(c => c.Name, StringComparer.Ordinal)
    .ToArray();

ITestHostCommand? chosen = args.Length > 0 ? commands.FirstOrDefault(c => c.Name == args[0]) : null;
if (chosen is null)
{
    Console.Error.WriteLine("usage: nsps-testhost <" + string.Join("|", commands.Select(c => c.Name)) + "> [args]");
    return 2;
}

return chosen.Run(args.Skip(1).ToArray());
