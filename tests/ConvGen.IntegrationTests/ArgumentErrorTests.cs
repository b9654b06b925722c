using System;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace ConvGen.IntegrationTests;

/// <summary>
/// Every argument error of the SPEC: an ArgumentException (or subclass) naming the parameter at fault
/// (the destination for a batch mismatch or an overlap), with the expected and actual lengths as plain
/// integers where a length is at fault, thrown before anything is written.
/// Layers: BiasRelu (float, runtime weights and bias), SobelX / ConstBias (constant weights), DoubleWide (double).
/// </summary>
public sealed class ArgumentErrorTests
{
    private const int In = BiasRelu.InputLength, Out = BiasRelu.OutputLength, Wl = BiasRelu.WeightsLength, Bl = BiasRelu.BiasLength;

    // ---- BiasRelu: Forward(input, weights, bias, output) ----
    [Fact]
    public void Forward_RejectsBadSources()
    {
        float[] y = Dest(Out), w = Src(Wl), b = Src(Bl);
        Rejects("input", y, () => BiasRelu.Forward(Src(In + 1), w, b, y), In, In + 1);
        Rejects("input", y, () => BiasRelu.Forward(Src(In - 1), w, b, y), In, In - 1);
        Rejects("input", y, () => BiasRelu.Forward([], w, b, y), In, 0);
        Rejects("weights", y, () => BiasRelu.Forward(Src(In), Src(Wl - 1), b, y), Wl, Wl - 1);
        Rejects("weights", y, () => BiasRelu.Forward(Src(In), [], b, y), Wl, 0);
        Rejects("bias", y, () => BiasRelu.Forward(Src(In), w, Src(Bl + 1), y), Bl, Bl + 1);
        Rejects("bias", y, () => BiasRelu.Forward(Src(In), w, [], y), Bl, 0);
    }

    [Fact]
    public void Forward_RejectsBadDestinations()
    {
        float[] w = Src(Wl), b = Src(Bl);
        float[] y = Dest(Out + 1);
        Rejects("output", y, () => BiasRelu.Forward(Src(In), w, b, y), Out, Out + 1);
        float[] empty = [];
        Rejects("output", empty, () => BiasRelu.Forward(Src(In), w, b, empty), Out, 0);
        float[] three = Dest(3 * Out);
        Rejects("output", three, () => BiasRelu.Forward(Src(2 * In), w, b, three), 2 * Out, 3 * Out);
    }

    [Fact]
    public void Forward_RejectsADestinationOverlappingASource()
    {
        float[] buffer = Dest(In + Out);
        Rejects("output", buffer, () => BiasRelu.Forward(buffer.AsSpan(0, In), Src(Wl), Src(Bl), buffer.AsSpan(In - 1, Out)));
        buffer = Dest(Wl + Out);
        Rejects("output", buffer, () => BiasRelu.Forward(Src(In), buffer.AsSpan(0, Wl), Src(Bl), buffer.AsSpan(Wl - 3, Out)));
        buffer = Dest(Out + 2);
        Rejects("output", buffer, () => BiasRelu.Forward(Src(In), Src(Wl), buffer.AsSpan(0, Bl), buffer.AsSpan(2, Out)));
        buffer = Dest(Out);
        Rejects("output", buffer, () => BiasRelu.Forward(buffer.AsSpan(0, In), Src(Wl), Src(Bl), buffer.AsSpan(0, Out)));
    }

    [Fact]
    public void Forward_AcceptsAdjacentSlicesOfOneArray()
    {
        float[] buffer = new float[In + Out];
        buffer.AsSpan(0, In).Fill(0.5f);
        BiasRelu.Forward(buffer.AsSpan(0, In), Src(Wl), Src(Bl), buffer.AsSpan(In, Out));
        float[] separate = new float[Out];
        BiasRelu.Forward(Src(In), Src(Wl), Src(Bl), separate);
        Assert.Equal(separate, buffer.Skip(In).ToArray());
    }

    // ---- BiasRelu: Transpose(output, weights, input) ----
    [Fact]
    public void Transpose_RejectsBadArguments()
    {
        float[] x = Dest(In), w = Src(Wl);
        Rejects("output", x, () => BiasRelu.Transpose(Src(Out + 1), w, x), Out, Out + 1);
        Rejects("output", x, () => BiasRelu.Transpose([], w, x), Out, 0);
        Rejects("weights", x, () => BiasRelu.Transpose(Src(Out), Src(Wl + 1), x), Wl, Wl + 1);
        float[] wrong = Dest(In + 1);
        Rejects("input", wrong, () => BiasRelu.Transpose(Src(Out), w, wrong), In, In + 1);
        float[] three = Dest(3 * In);
        Rejects("input", three, () => BiasRelu.Transpose(Src(2 * Out), w, three), 2 * In, 3 * In);
        float[] buffer = Dest(In + Out);
        Rejects("input", buffer, () => BiasRelu.Transpose(buffer.AsSpan(In - 1, Out), w, buffer.AsSpan(0, In)));
        buffer = Dest(In + Wl);
        Rejects("input", buffer, () => BiasRelu.Transpose(Src(Out), buffer.AsSpan(In - 1, Wl), buffer.AsSpan(0, In)));
    }

    // ---- BiasRelu: WeightsGradient(input, outputGradient, weightsGradient) ----
    [Fact]
    public void WeightsGradient_RejectsBadArguments()
    {
        float[] dw = Dest(Wl);
        Rejects("input", dw, () => BiasRelu.WeightsGradient(Src(In + 1), Src(Out), dw), In, In + 1);
        Rejects("input", dw, () => BiasRelu.WeightsGradient([], Src(Out), dw), In, 0);
        Rejects("outputGradient", dw, () => BiasRelu.WeightsGradient(Src(In), Src(Out - 1), dw), Out, Out - 1);
        Rejects("outputGradient", dw, () => BiasRelu.WeightsGradient(Src(In), [], dw), Out, 0);
        Rejects("weightsGradient", dw, () => BiasRelu.WeightsGradient(Src(2 * In), Src(3 * Out), dw), 2 * Out, 3 * Out);
        float[] wrong = Dest(Wl + 1);
        Rejects("weightsGradient", wrong, () => BiasRelu.WeightsGradient(Src(In), Src(Out), wrong), Wl, Wl + 1);
        float[] buffer = Dest(In + Wl);
        Rejects("weightsGradient", buffer, () => BiasRelu.WeightsGradient(buffer.AsSpan(0, In), Src(Out), buffer.AsSpan(In - 1, Wl)));
        buffer = Dest(Out + Wl);
        Rejects("weightsGradient", buffer, () => BiasRelu.WeightsGradient(Src(In), buffer.AsSpan(Wl - 1, Out), buffer.AsSpan(0, Wl)));
    }

    // ---- BiasRelu: BiasGradient(outputGradient, biasGradient) and ToMatrix(weights, matrix) ----
    [Fact]
    public void BiasGradient_RejectsBadArguments()
    {
        float[] db = Dest(Bl);
        Rejects("outputGradient", db, () => BiasRelu.BiasGradient(Src(Out + 1), db), Out, Out + 1);
        Rejects("outputGradient", db, () => BiasRelu.BiasGradient([], db), Out, 0);
        float[] wrong = Dest(Bl + 1);
        Rejects("biasGradient", wrong, () => BiasRelu.BiasGradient(Src(Out), wrong), Bl, Bl + 1);
        float[] buffer = Dest(Out + Bl);
        Rejects("biasGradient", buffer, () => BiasRelu.BiasGradient(buffer.AsSpan(0, Out), buffer.AsSpan(Out - 1, Bl)));
    }

    [Fact]
    public void ToMatrix_RejectsBadArguments()
    {
        const int Size = Out * In;
        float[] m = Dest(Size);
        Rejects("weights", m, () => BiasRelu.ToMatrix(Src(Wl + 1), m), Wl, Wl + 1);
        Rejects("weights", m, () => BiasRelu.ToMatrix([], m), Wl, 0);
        float[] wrong = Dest(Size + 1);
        Rejects("matrix", wrong, () => BiasRelu.ToMatrix(Src(Wl), wrong), Size, Size + 1);
        wrong = Dest(Size - 1);
        Rejects("matrix", wrong, () => BiasRelu.ToMatrix(Src(Wl), wrong), Size, Size - 1);
        float[] buffer = Dest(Size + Wl);
        Rejects("matrix", buffer, () => BiasRelu.ToMatrix(buffer.AsSpan(Size - 1, Wl), buffer.AsSpan(0, Size)));
    }

    // ---- constant weights: SobelX.Forward(input, output), ConstBias.Forward(input, bias, output) ----
    [Fact]
    public void ConstantWeights_RejectBadArguments()
    {
        const int SIn = SobelX.InputLength, SOut = SobelX.OutputLength;
        float[] y = Dest(SOut);
        Rejects("input", y, () => SobelX.Forward(Src(SIn + 1), y), SIn, SIn + 1);
        Rejects("input", y, () => SobelX.Forward([], y), SIn, 0);
        float[] three = Dest(3 * SOut);
        Rejects("output", three, () => SobelX.Forward(Src(2 * SIn), three), 2 * SOut, 3 * SOut);
        float[] buffer = Dest(SIn + SOut);
        Rejects("output", buffer, () => SobelX.Forward(buffer.AsSpan(0, SIn), buffer.AsSpan(SIn - 1, SOut)));

        float[] x = Dest(SIn + 1);
        Rejects("input", x, () => SobelX.Transpose(Src(SOut), x), SIn, SIn + 1);
        Rejects("output", y, () => SobelX.Transpose(Src(SOut + 1), Dest(SIn)), SOut, SOut + 1);
        buffer = Dest(SIn + SOut);
        Rejects("input", buffer, () => SobelX.Transpose(buffer.AsSpan(SIn - 1, SOut), buffer.AsSpan(0, SIn)));
        float[] m = Dest((SOut * SIn) + 1);
        Rejects("matrix", m, () => SobelX.ToMatrix(m), SOut * SIn, (SOut * SIn) + 1);

        const int CIn = ConstBias.InputLength, COut = ConstBias.OutputLength, CB = ConstBias.BiasLength;
        float[] cy = Dest(COut);
        Rejects("bias", cy, () => ConstBias.Forward(Src(CIn), Src(CB + 1), cy), CB, CB + 1);
        Rejects("bias", cy, () => ConstBias.Forward(Src(CIn), [], cy), CB, 0);
        buffer = Dest(COut + CB);
        Rejects("output", buffer, () => ConstBias.Forward(Src(CIn), buffer.AsSpan(COut - 1, CB), buffer.AsSpan(0, COut)));
        float[] db = Dest(CB + 1);
        Rejects("biasGradient", db, () => ConstBias.BiasGradient(Src(COut), db), CB, CB + 1);
    }

    // ---- double, lengths of four digits and more: plain integers in the message ----
    [Fact]
    public void DoubleLayer_RejectsBadArguments_WithPlainIntegerLengths()
    {
        const int DIn = DoubleWide.InputLength, DOut = DoubleWide.OutputLength, DW = DoubleWide.WeightsLength;
        Assert.True(DIn >= 1000 && DOut >= 1000);
        double[] y = DDest(DOut), w = DSrc(DW);
        Rejects("input", y, () => DoubleWide.Forward(DSrc(DIn - 1), w, y), DIn, DIn - 1);
        double[] three = DDest(3 * DOut);
        Rejects("output", three, () => DoubleWide.Forward(DSrc(2 * DIn), w, three), 2 * DOut, 3 * DOut);
        Rejects("weights", y, () => DoubleWide.Forward(DSrc(DIn), DSrc(DW + 2), y), DW, DW + 2);
        double[] x = DDest(DIn + 7);
        Rejects("input", x, () => DoubleWide.Transpose(DSrc(DOut), w, x), DIn, DIn + 7);
        double[] dw = DDest(DW);
        Rejects("weightsGradient", dw, () => DoubleWide.WeightsGradient(DSrc(3 * DIn), DSrc(2 * DOut), dw), 3 * DOut, 2 * DOut);
        const int Size = DOut * DIn;
        double[] m = DDest(Size - 1);
        Rejects("matrix", m, () => DoubleWide.ToMatrix(w, m), Size, Size - 1);
        double[] buffer = DDest(DIn + DOut);
        Rejects("output", buffer, () => DoubleWide.Forward(buffer.AsSpan(0, DIn), w, buffer.AsSpan(DIn / 2, DOut)));
    }

    private const float Sentinel = 12345f;

    private static float[] Src(int length) => Enumerable.Repeat(0.5f, length).ToArray();

    private static float[] Dest(int length) => Enumerable.Repeat(Sentinel, length).ToArray();

    private static double[] DSrc(int length) => Enumerable.Repeat(0.5, length).ToArray();

    private static double[] DDest(int length) => Enumerable.Repeat((double)Sentinel, length).ToArray();

    /// <summary>The call throws an ArgumentException for <paramref name="paramName"/>, leaves <paramref name="watched"/> untouched, and its message holds every number.</summary>
    private static void Rejects<T>(string paramName, T[] watched, Action call, params int[] numbersInMessage)
    {
        T[] before = [.. watched];
        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(call);
        Assert.True(ex.ParamName == paramName, $"ParamName '{ex.ParamName}', expected '{paramName}'; message: {ex.Message}");
        foreach (int n in numbersInMessage)
        {
            Assert.True(
                Regex.IsMatch(ex.Message, $@"(?<!\d|\d[.,]){n}(?!\d|[.,]\d)"),
                $"'{paramName}': the message should give the length {n} as a plain integer: {ex.Message}");
        }

        Assert.Equal(before, watched);
    }
}
