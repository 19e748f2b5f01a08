"""One module per figure. Each module's docstring says what it shows; ``draw(theme)`` returns the Figure."""
