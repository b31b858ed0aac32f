"""Speech: sentences to PCM with word timings, behind one Engine protocol."""
