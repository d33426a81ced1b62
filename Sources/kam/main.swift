print("kam")
