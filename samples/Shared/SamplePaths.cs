using System;
using System.IO;

namespace ConvGen.SampleSupport;

/// <summary>Where the samples write their pictures: the first argument, or docs/images of the repository.</summary>
public static class SamplePaths
{
    /// <summary>The folder that holds ConvGen.sln, found by walking up from the program and then from the
    /// current directory; the current directory when neither is inside the repository.</summary>
    public static string RepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ConvGen.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>args[0] if given, else &lt;repository&gt;/docs/images; created if missing.</summary>
    public static string OutputDirectory(string[] args)
    {
        string dir = args.Length > 0 && !string.IsNullOrWhiteSpace(args[0])
            ? Path.GetFullPath(args[0])
            : Path.Combine(RepositoryRoot(), "docs", "images");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A path relative to the current directory when that is shorter to read, for printing.</summary>
    public static string Display(string path)
    {
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
