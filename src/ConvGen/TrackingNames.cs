namespace ConvGen;

/// <summary>Names of the tracked pipeline steps (for incrementality tests).</summary>
internal static class TrackingNames
{
    public const string Conv2DResults = nameof(Conv2DResults);
    public const string ConvTranspose2DResults = nameof(ConvTranspose2DResults);
    public const string Conv2DDiagnostics = nameof(Conv2DDiagnostics);
    public const string ConvTranspose2DDiagnostics = nameof(ConvTranspose2DDiagnostics);
    public const string Conv2DModels = nameof(Conv2DModels);
    public const string ConvTranspose2DModels = nameof(ConvTranspose2DModels);

    public static readonly string[] All =
    {
        Conv2DResults, ConvTranspose2DResults, Conv2DDiagnostics, ConvTranspose2DDiagnostics, Conv2DModels, ConvTranspose2DModels,
    };
}
