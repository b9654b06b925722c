// Written by tests/fixtures/make_fixtures.py together with Fixtures/*.json: edit the script, not this file.

using System;
using System.Collections.Generic;

namespace ConvGen.IntegrationTests.Fixtures;

[Conv2D(2, 5, 6, 3, 3, 3, ElementType = typeof(double))]
public static partial class Fx_conv_basic;

[Conv2D(4, 9, 8, 6, 3, 3, StrideH = 2, StrideW = 1, DilationH = 1, DilationW = 2, Groups = 2, PaddingH = 1, PaddingW = 2, Bias = true, ElementType = typeof(double))]
public static partial class Fx_conv_stride_dil_groups;

[Conv2D(3, 7, 7, 3, 3, 3, Groups = 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu, ElementType = typeof(double))]
public static partial class Fx_conv_depthwise;

[Conv2D(2, 6, 5, 2, 3, 3, PaddingH = 2, PaddingW = 1, PaddingMode = ConvPaddingMode.Reflect, ElementType = typeof(double))]
public static partial class Fx_conv_reflect;

[Conv2D(1, 3, 4, 2, 3, 3, PaddingH = 2, PaddingW = 3, PaddingMode = ConvPaddingMode.Reflect, ElementType = typeof(double))]
public static partial class Fx_conv_reflect_edge;

[Conv2D(1, 5, 5, 2, 3, 2, Padding = 2, PaddingMode = ConvPaddingMode.Replicate, Stride = 2, ElementType = typeof(double))]
public static partial class Fx_conv_replicate;

[Conv2D(2, 4, 6, 1, 3, 3, PaddingH = 1, PaddingW = 2, PaddingMode = ConvPaddingMode.Circular, Dilation = 2, ElementType = typeof(double))]
public static partial class Fx_conv_circular;

[Conv2D(1, 3, 2, 2, 3, 3, PaddingH = 3, PaddingW = 2, PaddingMode = ConvPaddingMode.Circular, ElementType = typeof(double))]
public static partial class Fx_conv_circular_full;

[Conv2D(2, 6, 7, 2, 3, 3, PaddingTop = 0, PaddingBottom = 2, PaddingLeft = 1, PaddingRight = 0, ElementType = typeof(double))]
public static partial class Fx_conv_asym;

[Conv2D(1, 7, 8, 2, 4, 3, Stride = 2, AutoPad = ConvAutoPad.SameUpper, ElementType = typeof(double))]
public static partial class Fx_conv_autopad_same_upper;

[Conv2D(2, 6, 5, 1, 2, 3, StrideH = 1, StrideW = 2, AutoPad = ConvAutoPad.SameLower, ElementType = typeof(double))]
public static partial class Fx_conv_autopad_same_lower;

[Conv2D(1, 6, 7, 2, 3, 2, Stride = 2, DilationW = 2, AutoPad = ConvAutoPad.SameUpper, PaddingMode = ConvPaddingMode.Reflect, ElementType = typeof(double))]
public static partial class Fx_conv_autopad_reflect;

[Conv2D(1, 5, 5, 1, 3, 3, Flip = true, ElementType = typeof(double))]
public static partial class Fx_conv_flip;

[ConvTranspose2D(2, 3, 4, 3, 3, 3, Stride = 2, Padding = 1, OutputPadding = 1, ElementType = typeof(double))]
public static partial class Fx_convT_basic;

[ConvTranspose2D(4, 4, 3, 2, 3, 3, Dilation = 2, Groups = 2, Bias = true, ElementType = typeof(double))]
public static partial class Fx_convT_groups_dil;

[ConvTranspose2D(3, 4, 4, 2, 4, 4, Stride = 2, Padding = 1, Bias = true, Activation = ConvActivation.Relu, ElementType = typeof(double))]
public static partial class Fx_convT_upsample;

[ConvTranspose2D(1, 3, 3, 1, 3, 3, Stride = 2, AutoPad = ConvAutoPad.SameUpper, ElementType = typeof(double))]
public static partial class Fx_convT_same_upper;

[ConvTranspose2D(2, 3, 4, 2, 3, 4, Stride = 2, OutputPaddingW = 1, AutoPad = ConvAutoPad.SameLower, ElementType = typeof(double))]
public static partial class Fx_convT_same_lower;

[ConvTranspose2D(2, 3, 3, 2, 3, 3, Stride = 2, PaddingTop = 1, PaddingBottom = 0, PaddingLeft = 0, PaddingRight = 2, ElementType = typeof(double))]
public static partial class Fx_convT_asym;

[ConvTranspose2D(1, 3, 3, 2, 2, 3, StrideH = 2, StrideW = 1, Flip = true, Bias = true, ElementType = typeof(double))]
public static partial class Fx_convT_flip;

[Conv2D(3, 6, 6, 4, 3, 3, Padding = 1, Bias = true)]
public static partial class Fx_conv_float;

/// <summary>How the tests call each fixture layer, whatever its element type and bias.</summary>
internal static class FixtureLayers
{
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        "conv_basic",
        "conv_stride_dil_groups",
        "conv_depthwise",
        "conv_reflect",
        "conv_reflect_edge",
        "conv_replicate",
        "conv_circular",
        "conv_circular_full",
        "conv_asym",
        "conv_autopad_same_upper",
        "conv_autopad_same_lower",
        "conv_autopad_reflect",
        "conv_flip",
        "convT_basic",
        "convT_groups_dil",
        "convT_upsample",
        "convT_same_upper",
        "convT_same_lower",
        "convT_asym",
        "convT_flip",
        "conv_float",
    };

    public static FixtureLayer Get(string name) => name switch
    {
        "conv_basic" => new FixtureLayer(
            Fx_conv_basic.InputChannels, Fx_conv_basic.InputHeight, Fx_conv_basic.InputWidth,
            Fx_conv_basic.OutputChannels, Fx_conv_basic.OutputHeight, Fx_conv_basic.OutputWidth,
            Fx_conv_basic.KernelHeight, Fx_conv_basic.KernelWidth,
            Fx_conv_basic.InputLength, Fx_conv_basic.OutputLength, Fx_conv_basic.WeightsLength, Fx_conv_basic.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_conv_basic.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_conv_basic.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_conv_basic.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "conv_stride_dil_groups" => new FixtureLayer(
            Fx_conv_stride_dil_groups.InputChannels, Fx_conv_stride_dil_groups.InputHeight, Fx_conv_stride_dil_groups.InputWidth,
            Fx_conv_stride_dil_groups.OutputChannels, Fx_conv_stride_dil_groups.OutputHeight, Fx_conv_stride_dil_groups.OutputWidth,
            Fx_conv_stride_dil_groups.KernelHeight, Fx_conv_stride_dil_groups.KernelWidth,
            Fx_conv_stride_dil_groups.InputLength, Fx_conv_stride_dil_groups.OutputLength, Fx_conv_stride_dil_groups.WeightsLength, Fx_conv_stride_dil_groups.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_conv_stride_dil_groups.Forward(input: x, weights: w, bias: b, output: y),
            Transpose: static (gy, w, gx) => Fx_conv_stride_dil_groups.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_conv_stride_dil_groups.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: static (gy, gb) => Fx_conv_stride_dil_groups.BiasGradient(outputGradient: gy, biasGradient: gb)),
        "conv_depthwise" => new FixtureLayer(
            Fx_conv_depthwise.InputChannels, Fx_conv_depthwise.InputHeight, Fx_conv_depthwise.InputWidth,
            Fx_conv_depthwise.OutputChannels, Fx_conv_depthwise.OutputHeight, Fx_conv_depthwise.OutputWidth,
            Fx_conv_depthwise.KernelHeight, Fx_conv_depthwise.KernelWidth,
            Fx_conv_depthwise.InputLength, Fx_conv_depthwise.OutputLength, Fx_conv_depthwise.WeightsLength, Fx_conv_depthwise.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_conv_depthwise.Forward(input: x, weights: w, bias: b, output: y),
            Transpose: static (gy, w, gx) => Fx_conv_depthwise.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_conv_depthwise.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: static (gy, gb) => Fx_conv_depthwise.BiasGradient(outputGradient: gy, biasGradient: gb)),
        "conv_reflect" => new FixtureLayer(
            Fx_conv_reflect.InputChannels, Fx_conv_reflect.InputHeight, Fx_conv_reflect.InputWidth,
            Fx_conv_reflect.OutputChannels, Fx_conv_reflect.OutputHeight, Fx_conv_reflect.OutputWidth,
            Fx_conv_reflect.KernelHeight, Fx_conv_reflect.KernelWidth,
            Fx_conv_reflect.InputLength, Fx_conv_reflect.OutputLength, Fx_conv_reflect.WeightsLength, Fx_conv_reflect.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_conv_reflect.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_conv_reflect.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_conv_reflect.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "conv_reflect_edge" => new FixtureLayer(
            Fx_conv_reflect_edge.InputChannels, Fx_conv_reflect_edge.InputHeight, Fx_conv_reflect_edge.InputWidth,
            Fx_conv_reflect_edge.OutputChannels, Fx_conv_reflect_edge.OutputHeight, Fx_conv_reflect_edge.OutputWidth,
            Fx_conv_reflect_edge.KernelHeight, Fx_conv_reflect_edge.KernelWidth,
            Fx_conv_reflect_edge.InputLength, Fx_conv_reflect_edge.OutputLength, Fx_conv_reflect_edge.WeightsLength, Fx_conv_reflect_edge.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_conv_reflect_edge.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_conv_reflect_edge.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_conv_reflect_edge.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "conv_replicate" => new FixtureLayer(
            Fx_conv_replicate.InputChannels, Fx_conv_replicate.InputHeight, Fx_conv_replicate.InputWidth,
            Fx_conv_replicate.OutputChannels, Fx_conv_replicate.OutputHeight, Fx_conv_replicate.OutputWidth,
            Fx_conv_replicate.KernelHeight, Fx_conv_replicate.KernelWidth,
            Fx_conv_replicate.InputLength, Fx_conv_replicate.OutputLength, Fx_conv_replicate.WeightsLength, Fx_conv_replicate.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_conv_replicate.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_conv_replicate.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_conv_replicate.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "conv_circular" => new FixtureLayer(
            Fx_conv_circular.InputChannels, Fx_conv_circular.InputHeight, Fx_conv_circular.InputWidth,
            Fx_conv_circular.OutputChannels, Fx_conv_circular.OutputHeight, Fx_conv_circular.OutputWidth,
            Fx_conv_circular.KernelHeight, Fx_conv_circular.KernelWidth,
            Fx_conv_circular.InputLength, Fx_conv_circular.OutputLength, Fx_conv_circular.WeightsLength, Fx_conv_circular.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_conv_circular.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_conv_circular.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_conv_circular.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "conv_circular_full" => new FixtureLayer(
            Fx_conv_circular_full.InputChannels, Fx_conv_circular_full.InputHeight, Fx_conv_circular_full.InputWidth,
            Fx_conv_circular_full.OutputChannels, Fx_conv_circular_full.OutputHeight, Fx_conv_circular_full.OutputWidth,
            Fx_conv_circular_full.KernelHeight, Fx_conv_circular_full.KernelWidth,
            Fx_conv_circular_full.InputLength, Fx_conv_circular_full.OutputLength, Fx_conv_circular_full.WeightsLength, Fx_conv_circular_full.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_conv_circular_full.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_conv_circular_full.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_conv_circular_full.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "conv_asym" => new FixtureLayer(
            Fx_conv_asym.InputChannels, Fx_conv_asym.InputHeight, Fx_conv_asym.InputWidth,
            Fx_conv_asym.OutputChannels, Fx_conv_asym.OutputHeight, Fx_conv_asym.OutputWidth,
            Fx_conv_asym.KernelHeight, Fx_conv_asym.KernelWidth,
            Fx_conv_asym.InputLength, Fx_conv_asym.OutputLength, Fx_conv_asym.WeightsLength, Fx_conv_asym.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_conv_asym.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_conv_asym.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_conv_asym.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "conv_autopad_same_upper" => new FixtureLayer(
            Fx_conv_autopad_same_upper.InputChannels, Fx_conv_autopad_same_upper.InputHeight, Fx_conv_autopad_same_upper.InputWidth,
            Fx_conv_autopad_same_upper.OutputChannels, Fx_conv_autopad_same_upper.OutputHeight, Fx_conv_autopad_same_upper.OutputWidth,
            Fx_conv_autopad_same_upper.KernelHeight, Fx_conv_autopad_same_upper.KernelWidth,
            Fx_conv_autopad_same_upper.InputLength, Fx_conv_autopad_same_upper.OutputLength, Fx_conv_autopad_same_upper.WeightsLength, Fx_conv_autopad_same_upper.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_conv_autopad_same_upper.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_conv_autopad_same_upper.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_conv_autopad_same_upper.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "conv_autopad_same_lower" => new FixtureLayer(
            Fx_conv_autopad_same_lower.InputChannels, Fx_conv_autopad_same_lower.InputHeight, Fx_conv_autopad_same_lower.InputWidth,
            Fx_conv_autopad_same_lower.OutputChannels, Fx_conv_autopad_same_lower.OutputHeight, Fx_conv_autopad_same_lower.OutputWidth,
            Fx_conv_autopad_same_lower.KernelHeight, Fx_conv_autopad_same_lower.KernelWidth,
            Fx_conv_autopad_same_lower.InputLength, Fx_conv_autopad_same_lower.OutputLength, Fx_conv_autopad_same_lower.WeightsLength, Fx_conv_autopad_same_lower.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_conv_autopad_same_lower.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_conv_autopad_same_lower.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_conv_autopad_same_lower.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "conv_autopad_reflect" => new FixtureLayer(
            Fx_conv_autopad_reflect.InputChannels, Fx_conv_autopad_reflect.InputHeight, Fx_conv_autopad_reflect.InputWidth,
            Fx_conv_autopad_reflect.OutputChannels, Fx_conv_autopad_reflect.OutputHeight, Fx_conv_autopad_reflect.OutputWidth,
            Fx_conv_autopad_reflect.KernelHeight, Fx_conv_autopad_reflect.KernelWidth,
            Fx_conv_autopad_reflect.InputLength, Fx_conv_autopad_reflect.OutputLength, Fx_conv_autopad_reflect.WeightsLength, Fx_conv_autopad_reflect.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_conv_autopad_reflect.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_conv_autopad_reflect.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_conv_autopad_reflect.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "conv_flip" => new FixtureLayer(
            Fx_conv_flip.InputChannels, Fx_conv_flip.InputHeight, Fx_conv_flip.InputWidth,
            Fx_conv_flip.OutputChannels, Fx_conv_flip.OutputHeight, Fx_conv_flip.OutputWidth,
            Fx_conv_flip.KernelHeight, Fx_conv_flip.KernelWidth,
            Fx_conv_flip.InputLength, Fx_conv_flip.OutputLength, Fx_conv_flip.WeightsLength, Fx_conv_flip.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_conv_flip.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_conv_flip.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_conv_flip.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "convT_basic" => new FixtureLayer(
            Fx_convT_basic.InputChannels, Fx_convT_basic.InputHeight, Fx_convT_basic.InputWidth,
            Fx_convT_basic.OutputChannels, Fx_convT_basic.OutputHeight, Fx_convT_basic.OutputWidth,
            Fx_convT_basic.KernelHeight, Fx_convT_basic.KernelWidth,
            Fx_convT_basic.InputLength, Fx_convT_basic.OutputLength, Fx_convT_basic.WeightsLength, Fx_convT_basic.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_convT_basic.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_convT_basic.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_convT_basic.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "convT_groups_dil" => new FixtureLayer(
            Fx_convT_groups_dil.InputChannels, Fx_convT_groups_dil.InputHeight, Fx_convT_groups_dil.InputWidth,
            Fx_convT_groups_dil.OutputChannels, Fx_convT_groups_dil.OutputHeight, Fx_convT_groups_dil.OutputWidth,
            Fx_convT_groups_dil.KernelHeight, Fx_convT_groups_dil.KernelWidth,
            Fx_convT_groups_dil.InputLength, Fx_convT_groups_dil.OutputLength, Fx_convT_groups_dil.WeightsLength, Fx_convT_groups_dil.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_convT_groups_dil.Forward(input: x, weights: w, bias: b, output: y),
            Transpose: static (gy, w, gx) => Fx_convT_groups_dil.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_convT_groups_dil.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: static (gy, gb) => Fx_convT_groups_dil.BiasGradient(outputGradient: gy, biasGradient: gb)),
        "convT_upsample" => new FixtureLayer(
            Fx_convT_upsample.InputChannels, Fx_convT_upsample.InputHeight, Fx_convT_upsample.InputWidth,
            Fx_convT_upsample.OutputChannels, Fx_convT_upsample.OutputHeight, Fx_convT_upsample.OutputWidth,
            Fx_convT_upsample.KernelHeight, Fx_convT_upsample.KernelWidth,
            Fx_convT_upsample.InputLength, Fx_convT_upsample.OutputLength, Fx_convT_upsample.WeightsLength, Fx_convT_upsample.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_convT_upsample.Forward(input: x, weights: w, bias: b, output: y),
            Transpose: static (gy, w, gx) => Fx_convT_upsample.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_convT_upsample.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: static (gy, gb) => Fx_convT_upsample.BiasGradient(outputGradient: gy, biasGradient: gb)),
        "convT_same_upper" => new FixtureLayer(
            Fx_convT_same_upper.InputChannels, Fx_convT_same_upper.InputHeight, Fx_convT_same_upper.InputWidth,
            Fx_convT_same_upper.OutputChannels, Fx_convT_same_upper.OutputHeight, Fx_convT_same_upper.OutputWidth,
            Fx_convT_same_upper.KernelHeight, Fx_convT_same_upper.KernelWidth,
            Fx_convT_same_upper.InputLength, Fx_convT_same_upper.OutputLength, Fx_convT_same_upper.WeightsLength, Fx_convT_same_upper.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_convT_same_upper.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_convT_same_upper.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_convT_same_upper.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "convT_same_lower" => new FixtureLayer(
            Fx_convT_same_lower.InputChannels, Fx_convT_same_lower.InputHeight, Fx_convT_same_lower.InputWidth,
            Fx_convT_same_lower.OutputChannels, Fx_convT_same_lower.OutputHeight, Fx_convT_same_lower.OutputWidth,
            Fx_convT_same_lower.KernelHeight, Fx_convT_same_lower.KernelWidth,
            Fx_convT_same_lower.InputLength, Fx_convT_same_lower.OutputLength, Fx_convT_same_lower.WeightsLength, Fx_convT_same_lower.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_convT_same_lower.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_convT_same_lower.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_convT_same_lower.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "convT_asym" => new FixtureLayer(
            Fx_convT_asym.InputChannels, Fx_convT_asym.InputHeight, Fx_convT_asym.InputWidth,
            Fx_convT_asym.OutputChannels, Fx_convT_asym.OutputHeight, Fx_convT_asym.OutputWidth,
            Fx_convT_asym.KernelHeight, Fx_convT_asym.KernelWidth,
            Fx_convT_asym.InputLength, Fx_convT_asym.OutputLength, Fx_convT_asym.WeightsLength, Fx_convT_asym.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_convT_asym.Forward(input: x, weights: w, output: y),
            Transpose: static (gy, w, gx) => Fx_convT_asym.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_convT_asym.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: null),
        "convT_flip" => new FixtureLayer(
            Fx_convT_flip.InputChannels, Fx_convT_flip.InputHeight, Fx_convT_flip.InputWidth,
            Fx_convT_flip.OutputChannels, Fx_convT_flip.OutputHeight, Fx_convT_flip.OutputWidth,
            Fx_convT_flip.KernelHeight, Fx_convT_flip.KernelWidth,
            Fx_convT_flip.InputLength, Fx_convT_flip.OutputLength, Fx_convT_flip.WeightsLength, Fx_convT_flip.BiasLength,
            IsFloat: false,
            Forward: static (x, w, b, y) => Fx_convT_flip.Forward(input: x, weights: w, bias: b, output: y),
            Transpose: static (gy, w, gx) => Fx_convT_flip.Transpose(output: gy, weights: w, input: gx),
            WeightsGradient: static (x, gy, gw) => Fx_convT_flip.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw),
            BiasGradient: static (gy, gb) => Fx_convT_flip.BiasGradient(outputGradient: gy, biasGradient: gb)),
        "conv_float" => new FixtureLayer(
            Fx_conv_float.InputChannels, Fx_conv_float.InputHeight, Fx_conv_float.InputWidth,
            Fx_conv_float.OutputChannels, Fx_conv_float.OutputHeight, Fx_conv_float.OutputWidth,
            Fx_conv_float.KernelHeight, Fx_conv_float.KernelWidth,
            Fx_conv_float.InputLength, Fx_conv_float.OutputLength, Fx_conv_float.WeightsLength, Fx_conv_float.BiasLength,
            IsFloat: true,
            Forward: FloatAdapter.Forward(static (x, w, b, y) => Fx_conv_float.Forward(input: x, weights: w, bias: b, output: y)),
            Transpose: FloatAdapter.Transpose(static (gy, w, gx) => Fx_conv_float.Transpose(output: gy, weights: w, input: gx)),
            WeightsGradient: FloatAdapter.WeightsGradient(static (x, gy, gw) => Fx_conv_float.WeightsGradient(input: x, outputGradient: gy, weightsGradient: gw)),
            BiasGradient: FloatAdapter.BiasGradient(static (gy, gb) => Fx_conv_float.BiasGradient(outputGradient: gy, biasGradient: gb))),
        _ => throw new ArgumentException($"no fixture layer named {name}", nameof(name)),
    };
}
