using Xunit;

namespace ConvGen.IntegrationTests;

/// <summary>The generated code called directly on the seeds' examples, with values worked out by hand.</summary>
public sealed class SeedExampleTests
{
    private static readonly float[] SobelInput = [1, 0, -1, 1, 1, 2, -2, 0, 1, 1, -1, 1, 0, 1, 1, 0];

    [Fact]
    public void Seed1_Forward_GivesTheSeedsNeurons()
    {
        float[] y = new float[Seed1.OutputLength];
        Seed1.Forward(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, y);
        Assert.Equal(new float[] { 37, 47, 67, 77, 85, 111, 163, 189 }, y);
    }

    [Fact]
    public void Seed1_ToMatrix_IsTheSeedsM()
    {
        const float a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
        float[] expected =
        [
            a, b, 0, c, d, 0, 0, 0, 0,
            0, a, b, 0, c, d, 0, 0, 0,
            0, 0, 0, a, b, 0, c, d, 0,
            0, 0, 0, 0, a, b, 0, c, d,
            e, f, 0, g, h, 0, 0, 0, 0,
            0, e, f, 0, g, h, 0, 0, 0,
            0, 0, 0, e, f, 0, g, h, 0,
            0, 0, 0, 0, e, f, 0, g, h,
        ];
        float[] m = new float[Seed1.OutputLength * Seed1.InputLength];
        Seed1.ToMatrix(new float[] { a, b, c, d, e, f, g, h }, m);
        Assert.Equal(expected, m);
    }

    [Fact]
    public void Seed1Flip_Forward_IsTheTrueConvolution()
    {
        float[] y = new float[Seed1Flip.OutputLength];
        Seed1Flip.Forward(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, y);
        Assert.Equal(new float[] { 23, 33, 53, 63, 71, 97, 149, 175 }, y);
    }

    [Fact]
    public void Sobel_Forward_GivesTheHandComputedValues()
    {
        // Not the seed's printed 122, 148, 126, 134: the cross-correlation is 10, 3, 6, 3.
        float[] runtime = new float[SobelRuntime.OutputLength], constant = new float[SobelX.OutputLength], flipped = new float[SobelXFlip.OutputLength];
        SobelRuntime.Forward(SobelInput, new float[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 }, runtime);
        SobelX.Forward(SobelInput, constant);
        SobelXFlip.Forward(SobelInput, flipped);
        Assert.Equal(new float[] { 10, 3, 6, 3 }, runtime);
        Assert.Equal(new float[] { 10, 3, 6, 3 }, constant);
        Assert.Equal(new float[] { -10, -3, -6, -3 }, flipped);
    }

    [Fact]
    public void SobelX_ToMatrix_IsTheSeedsKHat()
    {
        float[] expected =
        [
            1, 0, -1, 0, 2, 0, -2, 0, 1, 0, -1, 0, 0, 0, 0, 0,
            0, 1, 0, -1, 0, 2, 0, -2, 0, 1, 0, -1, 0, 0, 0, 0,
            0, 0, 0, 0, 1, 0, -1, 0, 2, 0, -2, 0, 1, 0, -1, 0,
            0, 0, 0, 0, 0, 1, 0, -1, 0, 2, 0, -2, 0, 1, 0, -1,
        ];
        float[] m = new float[SobelX.OutputLength * SobelX.InputLength];
        SobelX.ToMatrix(m);
        Assert.Equal(expected, m);
    }

    [Fact]
    public void Constants_AreCompileTimeConstants_OnEveryDeclarationShape()
    {
        const int seed = (Seed1.InputLength * 100) + Seed1.OutputLength;                 // 9, 8
        const int sobel = (SobelX.OutputHeight * 10) + SobelX.OutputWidth;               // 2×2
        const int structLayer = PadH2.OutputHeight;                                      // 4 + 4 − 3 + 1
        const int record = Stride2.WeightsLength;                                        // 3·2·3·3
        const int recordStruct = StrideHW.OutputHeight * 10 + StrideHW.OutputWidth;      // 3×4
        const int nested = Outer.Nested.OutputHeight;                                    // 5 + 2 − 2 − 1 + 1
        const int global = global::GlobalConvLayer.OutputWidth;                          // (5 + 2 − 3)/2 + 1
        const int internalLayer = InternalLayer.BiasLength + InternalLayer.WeightsLength; // 3 + 3·1·2·2
        const int noBias = Seed1.BiasLength;
        const int large = LargePadded.OutputLength;                                      // 8·16·16
        int[] actual = [seed, sobel, structLayer, record, recordStruct, nested, global, internalLayer, noBias, large];
        Assert.Equal(new[] { 908, 22, 6, 54, 34, 5, 3, 15, 0, 2048 }, actual);
    }
}
