"""The data step: plan documents in data/raw/ to the clean, traceable indicator dataset in data/processed/."""
