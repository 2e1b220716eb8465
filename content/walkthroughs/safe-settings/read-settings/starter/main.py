import settings

print("APP_ENV:", settings.APP_ENV)
print("DEBUG:", repr(settings.DEBUG))
print("ALLOWED_HOSTS:", repr(settings.ALLOWED_HOSTS))
print("SECRET_KEY:", len(settings.SECRET_KEY), "characters")
db = getattr(settings, "DATABASE", None)
if db:
    print(f"DATABASE: {db['engine']} on {db['host']}:{db['port']}, database {db['name']}")
else:
    print("DATABASE: not parsed yet")
