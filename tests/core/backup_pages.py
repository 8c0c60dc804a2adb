"""Pages as one person sees them, with the per-request tokens taken out, so that two databases' pages can be
compared: used in-process for the original and run as a script against a restored copy:

    python -m tests.core.backup_pages <username> <url> ...   (prints {url: [status, html]} as JSON)
"""

import json
import re
import sys

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')
NONCE = re.compile(r'(nonce=")[^"]+"')


def normalised(html):
    return NONCE.sub(r'\1-"', CSRF.sub(r'\1-"', html))


def render(username, urls):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username),
                       backend="django.contrib.auth.backends.ModelBackend")
    pages = {}
    for url in urls:
        response = client.get(url)
        pages[url] = [response.status_code, normalised(response.content.decode())]
    return pages


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(render(sys.argv[1], sys.argv[2:])))
