"""Excel in and out: measures and actuals, validated first, written all or nothing."""
