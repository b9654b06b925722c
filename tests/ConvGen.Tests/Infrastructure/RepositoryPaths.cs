using System;
using System.IO;

namespace ConvGen.Tests.Infrastructure;

/// <summary>Files of the repository the tests read (README, committed fixtures), found from the test binaries.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding ConvGen.sln, found upwards from the test binaries.</summary>
    public static string Root()
    {
        for (var dir = AppContext.BaseDirectory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "ConvGen.sln")))
                return dir;
        }

        throw new InvalidOperationException("ConvGen.sln not found above " + AppContext.BaseDirectory);
    }
}
