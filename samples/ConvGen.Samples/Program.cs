using System;
using ConvGen.Samples;

float[] x = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
float[] w = { 1, 2, 3, 4, 5, 6, 7, 8 };
var y = new float[SeedExample.OutputLength];
SeedExample.Forward(x, w, y);
Console.WriteLine(string.Join(", ", y));
