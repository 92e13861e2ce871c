"""What children, young people and families say about a service, in their own answers.

`model` holds the voice file format (`coprod-voice/1`) and the one answer scale every voice
question uses; `read` parses and checks a voice file against its rubric; `write` writes one;
`template` lays out one group's questions for survey tools and paper; `tables` and
`importing` read survey exports back into respondents. Nothing here prints, prompts or reads
the clock.
"""
