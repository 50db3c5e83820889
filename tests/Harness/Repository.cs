namespace Credit.Testing;

/// <summary>Paths of the repository the tests run in, and of the shared reference data beside it where present.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/reference, present on our machines and in CI; tests that compare against it skip their comparison without it.</summary>
    public static string? SharedReference
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));
            return Directory.Exists(path) ? path : null;
        }
    }

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The build configuration the tests were built in (Debug or Release), so the runtime is taken from the same build.</summary>
    public static string Configuration { get; } = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string LocalRuntimeDll => Path.Combine(Root, "local-runtime", "bin", Configuration, "net10.0", "Credit.LocalRuntime.dll");

    /// <summary>
    /// The personal-data key the local runtime reads from functions/local.settings.json: tests that share an Azurite
    /// with a runtime seal and open data under it, and read the lookup key the ids are hashed under (TestStorage.SubjectKeys).
    /// </summary>
    public static byte[] LocalPersonalDataKey { get; } = Convert.FromBase64String(
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "functions", "local.settings.json"))).RootElement.GetProperty("Values").GetProperty("Credit__PersonalDataKey").GetString()!);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Serverless.sln not found above the test binaries.");
    }
}
