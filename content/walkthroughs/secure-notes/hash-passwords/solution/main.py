from passwords import hash_password, verify_password

stored = hash_password("correct horse battery staple")
print("stored:", stored)
print("right password:", verify_password("correct horse battery staple", stored))
print("wrong password:", verify_password("Tr0ub4dor&3", stored))
