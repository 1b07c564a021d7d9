"""The method's phases, one package each. Only the app factory names them."""
