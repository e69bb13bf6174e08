"""Django's JSON serialisation without its rounding: `DjangoJSONEncoder` cuts datetimes and
times to milliseconds, so a backup would lose the microseconds of every timestamp (revision
order, "modified" dates). Registered as the "exactjson" format (SERIALIZATION_MODULES)."""

import datetime

from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = JSONDeserializer
